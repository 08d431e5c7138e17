import AuditBatch
import AuditJobs
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Locking
import NIOCore
import Registry
import Testing

@testable import Server

@Suite("Batch uploads are streamed: to disk a chunk at a time, refused past the limit, read back a submission at a time")
struct StreamingUploadTests {
    /// A new empty temporary folder.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fairlabel-spool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The sizes of the files in `folder`.
    static func sizes(in folder: URL) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.map {
            ((try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path))?[.size] as? Int) ?? -1
        }
    }

    /// `count` chunks of `size` bytes; before giving each chunk it records what is on disk in
    /// `folder` then, and how many chunks were asked for.
    struct Chunks: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let count: Int
        let size: Int
        let folder: URL
        /// For each chunk asked for, the sizes of the files in the folder at that moment.
        let seen = Seen()

        final class Seen: Sendable {
            let sizes = Locked<[[Int]]>([])
            func withLock<T: Sendable>(_ body: (inout [[Int]]) -> T) -> T { sizes.withLock { body(&$0) } }
        }

        struct AsyncIterator: AsyncIteratorProtocol {
            let chunks: Chunks
            var given = 0

            mutating func next() async throws -> ByteBuffer? {
                let onDisk = StreamingUploadTests.sizes(in: chunks.folder)
                chunks.seen.withLock { $0.append(onDisk) }
                guard given < chunks.count else { return nil }
                given += 1
                return ByteBuffer(repeating: UInt8(given % 251), count: chunks.size)
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunks: self) }
    }

    @Test("Each chunk is on disk before the next is read, so the body is never held whole; the file holds every byte")
    func spoolsChunkByChunk() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let chunks = Chunks(count: 64, size: 16_384, folder: folder)
        let upload = try await SpooledUpload.spool(chunks, limit: 1 << 20, problem: .batchTooLarge(limit: 1 << 20), folder: folder.path)
        defer { upload.remove() }
        #expect(upload.size == 64 * 16_384)
        let seen = chunks.seen.withLock { $0 }
        #expect(seen.count == 65)
        for (index, onDisk) in seen.enumerated() {
            #expect(onDisk == [index * 16_384], "when chunk \(index + 1) was asked for")
        }
        let written = try Data(contentsOf: URL(fileURLWithPath: upload.path))
        #expect(written.count == upload.size)
        #expect(written[16_384 * 5] == UInt8(6 % 251))
        upload.remove()
        #expect(Self.sizes(in: folder).isEmpty)
    }

    @Test("Past the limit the upload is refused with 413 at once: the rest is not read and no file is left")
    func refusedPastTheLimit() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let chunks = Chunks(count: 100, size: 1000, folder: folder)
        await #expect {
            _ = try await SpooledUpload.spool(chunks, limit: 4500, problem: .batchTooLarge(limit: 4500), folder: folder.path)
        } throws: { error in
            (error as? Problem)?.status == .contentTooLarge && (error as? Problem)?.detail.contains("4500 bytes") == true
        }
        #expect(chunks.seen.withLock { $0.count } == 5)
        #expect(Self.sizes(in: folder).isEmpty)
    }

    /// Bytes in memory that record the longest single read made of them.
    final class WatchedBytes: ArchiveBytes {
        let data: ArchiveData
        let longestRead = Locked(0)
        init(_ data: Data) { self.data = ArchiveData(data) }
        var count: Int { data.count }
        func bytes(at offset: Int, length: Int) -> [UInt8] {
            longestRead.withLock { $0 = max($0, length) }
            return data.bytes(at: offset, length: length)
        }
    }

    @Test(
        "A tar or zip archive is read a submission at a time: no read is longer than one submission (or a zip's end record)",
        arguments: [false, true])
    func readsASubmissionAtATime(zip: Bool) throws {
        let files = (0..<40).map { ("s\($0).xml", String(repeating: "<s>\($0)</s>", count: 400)) }
        let data = zip ? try SubmissionArchiveTests.zip(files, deflated: false) : try SubmissionArchiveTests.tar(files)
        let largest = files.map(\.1.utf8.count).max() ?? 0
        #expect(data.count > 20 * largest)
        let watched = WatchedBytes(data)
        let reader = try SubmissionArchiveReader(watched, maxSubmissionBytes: 100_000)
        var names: [String] = []
        while let submission = try reader.next() {
            names.append(submission.name)
            #expect(String(decoding: submission.content, as: UTF8.self) == files[names.count - 1].1)
        }
        #expect(names == files.map(\.0))
        #expect(watched.longestRead.withLock { $0 } <= (zip ? max(largest, 22 + 65_535) : largest))
        #expect(watched.longestRead.withLock { $0 } < data.count)
    }

    @Test("An archive damaged after some good submissions stores no job at all")
    func nothingHalfStored() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let store = try #require(fixture.registry.store as? any StreamingJobStore)
        let good = try SubmissionArchiveTests.tar((0..<3).map { ("s\($0).xml", "<s/>") })
        var damaged = good
        damaged.replaceSubrange(2048..<2060, with: Data(repeating: 0x41, count: 12))  // the third entry's header
        let reader = try SubmissionArchiveReader(ArchiveData(damaged), maxSubmissionBytes: 1000)
        let basis = AuditJobBasis(try ServerFixture.auditor.get())
        await #expect(throws: SubmissionArchiveError.self) {
            _ = try await store.createJob(
                id: AuditJob.newIdentifier(), owner: nil, basis: basis, created: "2026-07-01T00:00:00Z", submissions: { try reader.next() })
        }
        #expect(try await store.jobs(owner: nil, limit: 10).isEmpty)
        #expect(try await store.hasUnfinishedSubmissions(excludingJobs: []) == false)
        let whole = try SubmissionArchiveReader(ArchiveData(good), maxSubmissionBytes: 1000)
        let id = AuditJob.newIdentifier()
        let total = try await store.createJob(
            id: id, owner: nil, basis: basis, created: "2026-07-01T00:00:00Z", submissions: { try whole.next() })
        #expect(total == 3)
        #expect(try await store.job(id: id)?.progress.total == 3)
    }

    @Test("A batch over the server's limit is answered 413 saying the limit, and no job is stored")
    func batchOverTheLimit() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let plain = try ServerFixture.server()
        var configuration = plain.configuration
        configuration.maxBatchBytes = 16_384
        let server = try FairlabelServer(
            configuration: configuration, auditors: plain.service.auditors, tokens: ServerFixture.tokens,
            registry: ServerRegistry(fixture.registry))
        let archive = try SubmissionArchiveTests.tar((0..<10).map { ("s\($0).xml", String(repeating: "<s/>", count: 200)) })
        try await ServerFixture.test(server) { client in
            let response = try await JobRouteTests.post(archive, as: ServerFixture.auditorToken, client: client)
            #expect(response.status == .contentTooLarge)
            let body = try ServerFixture.object(response)
            #expect(body["detail"] as? String == Problem.batchTooLarge(limit: 16_384).detail)
            let small = try await JobRouteTests.post(
                try SubmissionArchiveTests.tar([("a.xml", "<a/>")]), as: ServerFixture.auditorToken, client: client)
            #expect(small.status == .accepted)
        }
        #expect(try await (fixture.registry.store as? any JobStore)?.jobs(owner: nil, limit: 10).count == 1)
    }

    @Test("A job's summary is read a page of results at a time into a file, and gives the same bytes as from every result at once")
    func summaryByPages() async throws {
        let fixture = try await RegistryServerFixture.make()
        defer { fixture.remove() }
        let store = try #require(fixture.registry.store as? any StreamingJobStore & PagedJobResults)
        let auditor = try ServerFixture.auditor.get()
        let reader = try SubmissionArchiveReader(
            ArchiveData(try SubmissionArchiveTests.tar((0..<25).map { ("s\($0).xml", "<s\($0)/>") })), maxSubmissionBytes: 1000)
        let id = AuditJob.newIdentifier()
        _ = try await store.createJob(
            id: id, owner: nil, basis: AuditJobBasis(auditor), created: "2026-07-01T00:00:00Z", submissions: { try reader.next() })
        let worker = JobWorker(
            store: store, identity: "pages", auditors: JobAuditors { _, _ in auditor },
            options: JobWorker.Options(jobs: 2, untilDrained: true))
        #expect(try await worker.run().written == 25)
        let job = try #require(try await store.job(id: id))
        let pages = Locked<[Int]>([])
        let paged = try await JobSummary.read(job, from: store, pageSize: 10) { count in pages.withLock { $0.append(count) } }
        #expect(pages.withLock { $0 } == [10, 10, 5])
        let whole = try JobSummary(job: job, results: try await store.results(jobID: id))
        #expect(paged.rows.count == 25)
        #expect(paged.rows.totals == whole.rows.totals)
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for document in JobSummary.Document.allCases {
            let path = folder.appendingPathComponent(document.rawValue).path
            try paged.write(document, to: path)
            let expected = document == .csv ? whole.csv : document == .json ? whole.json : whole.html
            #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == expected, "\(document)")
        }
    }
}
