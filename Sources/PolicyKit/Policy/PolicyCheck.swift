/// `premium check`: every problem in a set of policy files, not only the first.
///
/// Each file is decoded (a syntax, type, key, date or amount error stops that file at
/// its first problem), then cross-checked in full (totals, references, names used twice,
/// subsidies above fees, windows out of bounds or overlapping), then checked against the
/// files before it (region-year twice, region names shared, file in the wrong place).
/// Loading a `PolicyStore` runs the same checks and stops at the first problem, so no
/// command computes from data `check` would reject. Then every case file
/// (`<region>/<year>.cases.json`) is run against its sound policy.
public enum PolicyCheck {
    /// What `check` found.
    public struct Report: Sendable {
        public var problems: [PolicyError] = []
        /// The policy files checked.
        public var policyFiles = 0
        /// The case files run, and the cases in them.
        public var caseFiles = 0
        public var cases = 0
        /// Policy files with no case file beside them (a note, not a problem).
        public var withoutCases: [String] = []
    }

    public static func problems(in files: [(path: String, bytes: [UInt8])]) -> [PolicyError] {
        report(files).problems
    }

    public static func report(_ files: [(path: String, bytes: [UInt8])]) -> Report {
        var report = Report()
        var sound: [RegionPolicy] = []
        let sorted = files.sorted(by: { $0.path < $1.path })
        let caseFiles = sorted.filter { PolicyCases.isCaseFile($0.path) }
        for file in sorted where !PolicyCases.isCaseFile(file.path) {
            report.policyFiles += 1
            if !caseFiles.contains(where: { PolicyCases.policyFile(for: $0.path) == file.path }) {
                report.withoutCases.append(file.path)
            }
            let policy: RegionPolicy
            do {
                policy = try RegionPolicy(file: file.path, bytes: file.bytes, validating: false)
            } catch {
                report.problems.append(error)
                continue
            }
            let own = policy.problems()
            report.problems += own
            if let clash = PolicyStore.problem(with: policy, after: sound) {
                report.problems.append(clash)
            } else if own.isEmpty {
                sound.append(policy)
            }
        }
        for file in caseFiles {
            report.caseFiles += 1
            report.cases += PolicyCases.count(bytes: file.bytes)
            report.problems += PolicyCases.problems(file: file.path, bytes: file.bytes, policies: sound)
        }
        return report
    }
}
