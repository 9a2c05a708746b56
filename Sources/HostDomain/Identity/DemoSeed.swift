// DemoSeed: the demo directory `serve --demo` creates on an empty database, with known passwords.
import Foundation
import HostStorage

/// One authority, two schools (the second a pilot), classes, about 30 students with their
/// parents, teachers, staff and a school admin, every account active with a known password.
package struct DemoSeed: Sendable {
    package let database: HostDatabase
    package let hasher: PasswordHasher

    package init(database: HostDatabase, hasher: PasswordHasher) {
        self.database = database
        self.hasher = hasher
    }

    /// The password of every demo account (it satisfies the password policy).
    package static let password = "Cartable-Demo-2026"

    /// Logins worth trying, with what they show.
    package struct Account: Sendable {
        package let login: String
        package let role: String
    }

    /// Seeds when the directory is empty; returns the accounts to print (empty if it was not).
    package func seedIfEmpty() throws -> [Account] {
        guard try database.demoAccounts.directoryIsEmpty() else { return [] }
        let directory = Directory(database: database)
        let authority = try directory.createAuthority(name: "Région Démo")
        try directory.createSchool(uai: "0750001A", name: "Collège Victor Hugo", authority: authority)
        try directory.createSchool(uai: "0750002B", name: "Lycée Marie Curie (pilote)", authority: authority, pilot: true)
        let importer = UserImport(database: database)
        _ = try importer.run(Data(Self.college.utf8), options: .init(schoolUAI: "0750001A"))
        _ = try importer.run(Data(Self.lycee.utf8), options: .init(schoolUAI: "0750002B"))
        let hash = try hasher.hash(Self.password)
        try database.demoAccounts.activate(
            externalIDPrefix: "DEMO-", passwordHash: hash, schoolAdmin: (login: "sophie.bernard", uai: "0750001A"),
            staff: [
                // The authority's admin works at the region, in no school.
                DemoStaffAccount(
                    externalID: "DEMO-R1", login: "nadia.benali", firstName: "Nadia", lastName: "Benali", function: "authority",
                    scopeID: authority),
                // The platform's operator reviews installed apps and creates authorities.
                DemoStaffAccount(
                    externalID: "DEMO-OPS1", login: "admin.plateforme", firstName: "Camille", lastName: "Roux", function: "platform",
                    scopeID: ""),
            ], at: Date())
        return [
            Account(login: "admin.plateforme", role: "Admin de la plateforme (collectivités, applications installées)"),
            Account(login: "nadia.benali", role: "Admin de la Région Démo (applications par établissement)"),
            Account(login: "sophie.bernard", role: "Personnel, admin du collège"),
            Account(login: "paul.durand", role: "Enseignant, collège et lycée"),
            Account(login: "lea.martin", role: "Élève de 4e A"),
            Account(login: "marc.martin", role: "Parent de Léa et d'Hugo"),
            Account(login: "ines.moreau", role: "Élève du lycée pilote"),
        ]
    }

    package static let students = [
        ("Léa", "Martin"), ("Hugo", "Martin"), ("Chloé", "Petit"), ("Louis", "Durand"), ("Emma", "Leroy"), ("Gabriel", "Moreau"),
        ("Jade", "Simon"), ("Arthur", "Laurent"), ("Zoé", "Lefèvre"), ("Noé", "Michel"), ("Inès", "Garcia"), ("Raphaël", "David"),
        ("Alice", "Bertrand"), ("Adam", "Roux"), ("Lina", "Vincent"), ("Jules", "Fournier"), ("Rose", "Girard"), ("Nathan", "Bonnet"),
        ("Manon", "Dupont"), ("Tom", "Lambert"), ("Camille", "Fontaine"), ("Ethan", "Rousseau"), ("Sarah", "Blanc"), ("Léo", "Guerin"),
    ]

    package static var college: String {
        var lines = ["identifiant;nom;prénom;profil;classe;niveau;enfants;courriel"]
        for (index, student) in students.enumerated() {
            let className = ["4e A", "4e B", "3e A"][index % 3]
            lines.append("DEMO-E\(index);\(student.1);\(student.0);Élève;\(className);\(className.prefix(2));;")
        }
        // Adults have the address the school recorded (not confirmed yet: each confirms it from their profile).
        lines.append("DEMO-P1;Martin;Marc;Parent;;;DEMO-E0|DEMO-E1;marc.martin@famille.example")
        lines.append("DEMO-P2;Petit;Claire;Parent;;;DEMO-E2;claire.petit@famille.example")
        lines.append("DEMO-P3;Durand;Samir;Parent;;;DEMO-E3;")
        lines.append("DEMO-T1;Durand;Paul;Enseignant;4e A|4e B;;;paul.durand@college-demo.example")
        lines.append("DEMO-T2;Nguyen;Anne;Enseignant;3e A|4e A;;;anne.nguyen@college-demo.example")
        lines.append("DEMO-T3;Lopez;Karim;Enseignant;4e B|3e A;;;")
        lines.append("DEMO-S1;Bernard;Sophie;Personnel;;;;sophie.bernard@college-demo.example")
        return lines.joined(separator: "\n") + "\n"
    }

    static var lycee: String {
        """
        identifiant;nom;prénom;profil;classe;niveau
        DEMO-L1;Moreau;Inès;Élève;2nde 1;2nde
        DEMO-L2;Faure;Yanis;Élève;2nde 1;2nde
        DEMO-L3;Chevalier;Maëlle;Élève;2nde 1;2nde
        DEMO-L4;Robin;Théo;Élève;1re G2;1re
        DEMO-L5;Gauthier;Lou;Élève;1re G2;1re
        DEMO-L6;Perrin;Mathis;Élève;1re G2;1re
        DEMO-T1;Durand;Paul;Enseignant;2nde 1;
        DEMO-T4;Masson;Julie;Enseignant;1re G2;
        DEMO-S2;Henry;Lucas;Personnel;;

        """
    }
}
