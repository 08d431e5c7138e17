import Audit
import FairlabelXML
import Foundation
import FuzzSupport

/// The default scheme's auditor on a fixed date, compiled once.
let auditor: Auditor = {
    do {
        guard let date = CalendarDate(iso8601: "2026-06-30") else { fatalError("2026-06-30 is a date") }
        var auditor = try Auditor.load(schemasDirectory: Repository.path("Schemas"), scheme: nil, auditDate: date)
        auditor.evaluationTimeLimit = .seconds(5)
        return auditor
    } catch {
        Repository.setUpFailed("\(error)")
    }
}()

/// libFuzzer's set-up, before the first input: loads the auditor, so that its set-up (seconds under
/// AddressSanitizer on a busy machine) is not counted against the first input's 10 s timeout (it
/// was: `scripts/fuzz audit` reported the empty input as a timeout on 2026-12-04).
@_cdecl("LLVMFuzzerInitialize")
public func initializeFuzzAudit(
    _ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    _ = auditor
    return 0
}

/// libFuzzer's entry: the whole audit of one submission given as bytes, as the server runs it
/// on an upload, with the compiled XPath evaluator (libxml2's interpreter has been fuzzed here
/// before; the compiled one takes what it compiles and leaves the rest to libxml2). Every input
/// gives an outcome (refusals are `not auditable`); a crash, a hang or a leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAudit(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(UnsafeBufferPointer(start: $0, count: size)) } ?? Data()
    let outcome = XPathEvaluatorChoice.$current.withValue(.compiled) { auditor.audit(data: bytes, name: "fuzz.xml") }
    _ = outcome.audit.decision
    return 0
}
