// BlogsDemo: the demo portal's class blog — created by a teacher of each school, shared with their first class, with posts and comments.
import Foundation
import PluginKit

extension BlogsPlugin: DemoContent {
    /// A class blog by the teacher the host chose: shared with their first class (students
    /// comment, parents read), two published posts, one comment, and one draft.
    func seedDemo(request: PluginRequest) throws {
        let teacher = try request.requireUser()
        guard let schoolClass = try request.directory.classes()?.first else { return }
        let fr = request.locale != "en"
        let id = UUID().uuidString.lowercased(), now = Clock.now()
        let title = fr ? "Le blog de la \(schoolClass.name)" : "\(schoolClass.name) class blog"
        let blog = Blog(
            owner: teacher.id, ownerName: teacher.displayName, title: title,
            description: fr ? "Sorties, projets et travaux de la classe." : "Trips, projects and work of the class.",
            created: now, updated: now, moderated: true, isPublic: false, slug: nil, coverVersion: nil)
        let posts: [(String, String, Post.State)] = [
            (
                "Bienvenue sur le blog de la classe",
                """
                Bonjour à toutes et à tous !

                Ce blog raconte la vie de la **\(schoolClass.name)** : sorties, projets, travaux d'élèves.
                Les élèves peuvent *commenter* ; les parents lisent.

                - les comptes rendus de sortie ;
                - les projets de la classe ;
                - les dates à retenir.
                """, .published
            ),
            (
                "Sortie au musée des Arts et Métiers",
                """
                ## Un vendredi au musée

                Nous avons découvert le **pendule de Foucault** et les premières machines à calculer.
                Merci aux parents accompagnateurs !

                > « La science, c'est ce que le père enseigne à son fils. » — une phrase à discuter en classe.

                Retrouvez le programme sur [le site du musée](https://www.arts-et-metiers.net/).
                """, .published
            ),
            ("Projet de fin d'année (brouillon)", "Idées : exposition, journal de classe, concours de sciences…", .draft),
        ]
        var operations = [try BatchOperation.put("blogs", id, blog, expecting: .new)]
        var firstPost: (String, Post)?
        for (index, entry) in posts.enumerated() {
            let postID = UUID().uuidString.lowercased()
            let date = Date().addingTimeInterval(Double(index - posts.count) * 86_400).formatted(.iso8601)
            let post = Post(
                blog: id, title: entry.0, body: entry.1, author: teacher.id, authorName: teacher.displayName, state: entry.2,
                created: date, updated: date, published: entry.2 == .published ? date : nil)
            operations.append(try .put("posts", postID, post, expecting: .new))
            if firstPost == nil { firstPost = (postID, post) }
        }
        let access = try request.access
        try access.share(Blog.resource(id), with: .user(teacher.id), right: .manage)
        var firstStudent: SchoolDirectory.Person?
        for group in try request.directory.groups(ofClass: schoolClass.id) ?? [] {
            switch group.profile {
            case "Student": try access.share(Blog.resource(id), with: .group(group.id), right: .comment)
            case "Relative": try access.share(Blog.resource(id), with: .group(group.id), right: .read)
            default: break
            }
        }
        firstStudent = try request.directory.classMembers(schoolClass.id)?.first { $0.profile == "Student" }
        if let (postID, _) = firstPost, let student = firstStudent {
            let comment = Comment(
                blog: id, post: postID, author: student.id, authorName: student.displayName,
                body: "Super, hâte de lire les prochains articles !", created: now, approved: true)
            operations.append(try .put("comments", UUID().uuidString.lowercased(), comment, expecting: .new))
        }
        _ = try request.store.batch(operations)
    }
}
