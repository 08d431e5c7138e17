import ArgumentParser
import Foundation

/// The `--jobs` option of the commands that work in parallel (`audit`, `schematron`,
/// `worker`): its default and its bounds.
enum JobCount {
    /// The most jobs a command takes: many times any machine's cores, and few enough threads
    /// for any system to start. Each job holds a document in memory; more jobs than cores gain
    /// nothing.
    static let maximum = 1024

    /// The number of jobs for `option`: the value given, or the number of cores.
    static func resolved(_ option: Int?) -> Int {
        option ?? ProcessInfo.processInfo.activeProcessorCount
    }

    /// Refuses a `--jobs` value below 1 or above ``maximum``, saying which values work.
    static func validate(_ option: Int?) throws {
        guard let jobs = option else { return }
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more (default: the number of cores)") }
        if jobs > maximum {
            throw ValidationError(
                "--jobs must be at most \(maximum); this machine has \(ProcessInfo.processInfo.activeProcessorCount) cores, and "
                    + "more jobs than cores gain nothing")
        }
    }
}
