import FairlabelXML
import FuzzSupport

/// The submission schema, compiled once.
let submissionSchema: Schema = {
    do {
        return try Schema(contentsOfFile: Repository.path("Schemas/submission.xsd"))
    } catch {
        Repository.setUpFailed("\(error)")
    }
}()

/// libFuzzer's entry: parses the input as a submission with the default (hardened) options and,
/// when it is well-formed, validates it against the submission schema. Refusals are expected;
/// a crash, a hang or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSubmission(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let document = try? Document(parsing: bytes, sourceName: "fuzz.xml") else { return 0 }
    let findings = submissionSchema.findings(in: document)
    _ = findings.errorCount
    return 0
}
