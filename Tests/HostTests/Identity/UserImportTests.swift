// UserImportTests: CSV import of users — happy path, re-import, moves, detaching, dry runs and every bad-line class.
import Foundation
import HostDomain
import HostStorage
import Testing

@Suite("User import")
struct UserImportTests {
    static let school = """
        Identifiant;Nom;Prénom;Profil;Classe;Niveau;Courriel;Date de naissance;Enfants
        E1;Dupré;Éloïse;Élève;4e B;4e;;12/03/2012;
        E2;Martin;Jean;Élève;4e B;4e;;2012-05-01;
        E3;Martin;Jean;Élève;3e A;3e;;;
        T1;Nguyen;Anne-Sophie;Enseignant;4e B|3e A;;anne.nguyen@example.org;;
        P1;Dupré;Marc;Parent;;;marc@example.org;;E1
        S1;L'Hôte;Chloé;Personnel;;;;;

        """

    @Test func importsAFrenchFileWithBOM() throws {
        let fixture = try ImportFixture()
        let report = try fixture.run(Self.school, bom: true)
        #expect(report.created.count == 6)
        #expect(report.classesCreated == ["4e B", "3e A"])
        let logins = Dictionary(uniqueKeysWithValues: report.created.map { ($0.externalID, $0.login) })
        #expect(
            logins == [
                "E1": "eloise.dupre", "E2": "jean.martin", "E3": "jean.martin2", "T1": "anne-sophie.nguyen", "P1": "marc.dupre",
                "S1": "chloe.lhote",
            ])
        #expect(try fixture.classes(of: "T1") == ["3e A", "4e B"])
        #expect(try fixture.value("SELECT birth_date FROM users WHERE external_id = 'E1'") == "2012-03-12")
        #expect(try fixture.value("SELECT profile FROM users WHERE external_id = 'S1'") == "Personnel")
        #expect(try fixture.count("SELECT count(*) FROM parent_links") == 1)
        #expect(try fixture.count("SELECT count(*) FROM users WHERE state = 'pending' AND length(activation_code) = 10") == 6)
        #expect(try fixture.count("SELECT count(DISTINCT activation_code) FROM users") == 6)
        #expect(try fixture.value("SELECT level FROM classes WHERE name = '3e A'") == "3e")
        // Profile groups exist for the school and for each class.
        #expect(try fixture.count("SELECT count(*) FROM groups WHERE kind = 'profile'") == 15)
    }

    @Test func reimportUpdatesMovesAndDetachesWithoutDuplicating() throws {
        let fixture = try ImportFixture()
        _ = try fixture.run(Self.school)
        let again = try fixture.run(Self.school)
        #expect(again.created.isEmpty && again.updated.isEmpty && again.moved.isEmpty && again.detached.isEmpty)
        #expect(again.unchanged == 6)

        let changed = """
            external_id,last_name,first_name,profile,class
            E1,Dupré,Éloïse,Student,3e A
            E2,Martin,Jean-Baptiste,Student,4e B
            T1,Nguyen,Anne-Sophie,Teacher,4e B|3e A
            P1,Dupré,Marc,Relative,
            S1,L'Hôte,Chloé,Personnel,

            """
        let report = try fixture.run(changed)
        #expect(report.created.isEmpty)
        #expect(report.updated.map(\.externalID) == ["E2"])
        #expect(report.moved.map(\.externalID) == ["E1"])
        #expect(report.moved.first?.detail == "4e B → 3e A")
        #expect(report.detached.map(\.externalID) == ["E3"])
        #expect(try fixture.count("SELECT count(*) FROM users") == 6, "nobody is duplicated or deleted")
        #expect(try fixture.value("SELECT login FROM users WHERE external_id = 'E2'") == "jean.martin", "the login stays")
        #expect(try fixture.value("SELECT display_name FROM users WHERE external_id = 'E2'") == "Jean-Baptiste Martin")
        #expect(try fixture.classes(of: "E3") == [], "a detached user leaves the school's classes")
        #expect(
            try fixture.count(
                "SELECT count(*) FROM user_schools us JOIN users u ON u.id = us.user_id WHERE u.external_id = 'E3' AND us.detached_at IS NOT NULL"
            ) == 1)

        // Coming back re-attaches the same account.
        let back = try fixture.run(Self.school)
        #expect(back.created.isEmpty)
        #expect(try fixture.count("SELECT count(*) FROM user_schools WHERE detached_at IS NULL") == 6)
    }

    @Test func dryRunReportsAndWritesNothing() throws {
        let fixture = try ImportFixture()
        let report = try fixture.run(Self.school, dryRun: true)
        #expect(report.dryRun)
        #expect(report.created.count == 6)
        #expect(report.summary(detailed: true).contains("create E1 eloise.dupre (Éloïse Dupré)"))
        #expect(try fixture.count("SELECT count(*) FROM users") == 0)
        #expect(try fixture.count("SELECT count(*) FROM classes") == 0)
    }

    @Test func englishHeadersCommasAndADefaultProfile() throws {
        let fixture = try ImportFixture()
        let report = try fixture.run(
            """
            external_id,first_name,last_name,class,email
            T9,"Claire","Lefèvre, épouse Roux","6e A",claire@example.org

            """, profile: .teacher)
        #expect(report.created.first?.login == "claire.lefevreepouseroux")
        #expect(try fixture.value("SELECT last_name FROM users") == "Lefèvre, épouse Roux")
    }

    @Test(arguments: [
        ("E1;;Éloïse;Élève;4e B", "line 2: the last name is empty"),
        (";Dupré;Éloïse;Élève;4e B", "line 2: the external id is empty"),
        ("E1;Dupré;Éloïse;Prof;4e B", "line 2: unknown profile 'Prof' (use Élève, Enseignant, Parent, Personnel or Invité)"),
        ("E1;Dupré;Éloïse;Élève;4e B;pas-un-mail", "line 2: 'pas-un-mail' is not an email address"),
        ("E1;Dupré;Éloïse;Élève;4e B;;31/02/2012", "line 2: birth date '31/02/2012' is not a date (use AAAA-MM-JJ or JJ/MM/AAAA)"),
        ("E1;Dupré;Éloïse;Élève;4e B;;;;en trop", "line 2: 9 fields, the header has 8: check the separator and quotes"),
        ("E1;Dupré;Éloïse;Élève;4e B;;;E2", "line 2: only a Parent (Relative) can have children listed"),
        ("P1;Dupré;Marc;Parent;;;;NOPE", "line 2: child 'NOPE' is neither in this file nor in the directory"),
    ])
    func reportsEachBadLineAndImportsNothing(line: String, message: String) throws {
        let fixture = try ImportFixture()
        let csv = "identifiant;nom;prénom;profil;classe;courriel;naissance;enfants\n\(line)\nOK1;Bon;Élève;Élève;5e C;;;\n"
        #expect(try fixture.errors(csv) == [message])
        #expect(try fixture.count("SELECT count(*) FROM users") == 0, "a file with any error imports nothing")
        #expect(try fixture.count("SELECT count(*) FROM classes") == 0)
    }

    @Test func reportsEveryErrorWithItsLine() throws {
        let fixture = try ImportFixture()
        _ = try fixture.run(Self.school)
        let csv = """
            identifiant;nom;prénom;profil;classe;enfants
            X1;Un;Ok;Élève;4e B;
            X2;;Sans nom;Élève;4e B;
            X1;Deux;Doublon;Élève;4e B;
            "X3";"Multi
            ligne";Ok;Élève;4e B;
            X4;Quatre;Ok;Eleve;4e B;
            P2;Parent;Ok;Parent;;T1

            """
        #expect(
            try fixture.errors(csv) == [
                "line 3: the last name is empty",
                "line 4: external id 'X1' is already on line 2",
                "line 5: the last_name contains a control character: remove it",
                "line 8: child 'T1' is not a student",
            ])
        #expect(try fixture.count("SELECT count(*) FROM users") == 6, "what was stored before is untouched")
    }

    @Test func refusesBadHeadersAndUnknownSchools() throws {
        let fixture = try ImportFixture()
        #expect(
            try fixture.errors("identifiant;nom;couleur\nE1;Dupré;bleu\n") == [
                "line 1: unknown column 'couleur' (see the columns in docs/admin-guide.md)",
                "line 1: missing column 'first_name' (or its French name 'prénom')",
                "line 1: missing column 'profile': add it, or import with --profile",
            ])
        var options = UserImport.Options(schoolUAI: "0999999Z")
        options.defaultProfile = .student
        #expect {
            try UserImport(database: fixture.database).run(Data("identifiant;nom;prenom\nE1;A;B\n".utf8), options: options)
        } throws: { "\($0)".contains("no school with UAI 0999999Z") }
        #expect(try fixture.errors(Data([0xFF, 0xFE, 0x41]).base64EncodedString()) != [])
    }

    @Test func importsTenThousandUsers() throws {
        let fixture = try ImportFixture()
        var csv = "external_id;last_name;first_name;profile;class\n"
        for index in 0..<10_000 {
            csv += "ID\(index);Nom\(index % 500);Prénom\(index % 40);Student;\(index % 30 + 1)e\n"
        }
        let report = try fixture.run(csv)
        #expect(report.created.count == 10_000)
        #expect(try fixture.count("SELECT count(DISTINCT login) FROM users") == 10_000, "every login is unique")
        #expect(try fixture.count("SELECT count(*) FROM user_classes") == 10_000)
        let second = try fixture.run(csv)
        #expect(second.unchanged == 10_000)
    }

    @Test func exportsTheActivationCodesOfPendingAccounts() throws {
        let fixture = try ImportFixture()
        _ = try fixture.run(Self.school)
        let csv = try ActivationCodeExport(database: fixture.database).csv(schoolUAI: fixture.uai)
        let lines = csv.split(separator: "\r\n")
        #expect(lines.first == "\u{FEFF}login;nom;prenom;profil;classes;code_activation;expire_le")
        #expect(lines.count == 7)
        let code = try #require(try fixture.value("SELECT activation_code FROM users WHERE login = 'eloise.dupre'"))
        #expect(lines.contains { $0.hasPrefix("eloise.dupre;Dupré;Éloïse;Student;4e B;\(code);") })
        #expect(
            lines.contains {
                $0.hasPrefix("anne-sophie.nguyen;Nguyen;Anne-Sophie;Teacher;") && ($0.contains("3e A|4e B") || $0.contains("4e B|3e A"))
            })
        // Creating the school, the import and handing out codes are all in the audit log.
        let actions = try fixture.database.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log ORDER BY id") }
        #expect(actions == ["authority.create", "school.create", "import", "export.activation-codes"])
        #expect(try fixture.value("SELECT detail FROM audit_log WHERE action = 'export.activation-codes'") == "6 codes")
    }
}

@Suite("User import: hostile cells")
struct UserImportHostileCellTests {
    @Test func aNameAFormulaWouldReadIsDefusedInTheCodesExport() throws {
        let fixture = try ImportFixture()
        _ = try fixture.run(
            "external_id;last_name;first_name;profile\nE1;=HYPERLINK(\"https://evil.example\");Éloïse;Student\nE2;+33;@Jean;Student\n")
        let csv = try ActivationCodeExport(database: fixture.database).csv(schoolUAI: fixture.uai)
        #expect(
            csv.contains(";\"'=HYPERLINK(\"\"https://evil.example\"\")\";Éloïse;"),
            "quoted, and opened by a ' so no spreadsheet runs it: \(csv)")
        #expect(csv.contains(";'+33;'@Jean;"))
    }

    @Test func aControlCharacterInANameIsRefusedOnItsLine() throws {
        let fixture = try ImportFixture()
        let errors = try fixture.errors(
            "external_id;last_name;first_name;profile\nE1;Dup\u{0}ré;Éloïse;Student\nE2;Martin;Je\u{1B}an;Student\n")
        #expect(
            errors == [
                "line 2: the last_name contains a control character: remove it",
                "line 3: the first_name contains a control character: remove it",
            ])
        #expect(try fixture.count("SELECT count(*) FROM users") == 0)
    }
}
