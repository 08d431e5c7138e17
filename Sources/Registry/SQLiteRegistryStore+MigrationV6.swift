import Foundation
import GRDB

extension SQLiteRegistryStore {
    /// Migration v6: an index for search by name. `label_name` is an FTS5 table over the label
    /// table's folded names with the trigram tokenizer (SQLite 3.34 and later), kept in step by
    /// triggers, so that a part of a name of three characters or more is looked up in the index
    /// rather than by reading every label (``RegistryStore/search(_:)``). Filled from the labels
    /// already there, so that an older registry gets it when it is opened.
    static func registerMigrationV6(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(nameIndexMigrationName) { db in
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE label_name USING fts5(
                        organisation_folded, content = 'label', content_rowid = 'rowid', tokenize = 'trigram');
                    CREATE TRIGGER label_name_insert AFTER INSERT ON label BEGIN
                        INSERT INTO label_name (rowid, organisation_folded) VALUES (new.rowid, new.organisation_folded);
                    END;
                    CREATE TRIGGER label_name_delete AFTER DELETE ON label BEGIN
                        INSERT INTO label_name (label_name, rowid, organisation_folded)
                            VALUES ('delete', old.rowid, old.organisation_folded);
                    END;
                    CREATE TRIGGER label_name_update AFTER UPDATE OF organisation_folded ON label BEGIN
                        INSERT INTO label_name (label_name, rowid, organisation_folded)
                            VALUES ('delete', old.rowid, old.organisation_folded);
                        INSERT INTO label_name (rowid, organisation_folded) VALUES (new.rowid, new.organisation_folded);
                    END;
                    INSERT INTO label_name (label_name) VALUES ('rebuild');
                    """)
        }
    }

    /// The name v6 is recorded under, the same on both backends.
    static let nameIndexMigrationName = "v6: an index for search by part of a name"

    /// The FTS5 query for names that contain `folded`: one phrase, which the trigram tokenizer
    /// matches as a substring. Nil under three characters, which trigrams cannot look up.
    static func nameMatch(_ folded: String) -> String? {
        guard folded.count >= 3 else { return nil }
        return "\"" + folded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
