/// `premium check`: every problem in a set of policy files, not only the first.
///
/// Each file is decoded (a syntax, type, key, date or amount error stops that file at
/// its first problem), then cross-checked in full (totals, references, names used twice,
/// subsidies above fees, windows out of bounds or overlapping), then checked against the
/// files before it (region-year twice, region names shared, file in the wrong place).
/// Loading a `PolicyStore` runs the same checks and stops at the first problem, so no
/// command computes from data `check` would reject. Then every case file
/// (`<region>/<year>.cases.json`) is run against its sound policy.
///
/// Besides problems it lists notes: what is worth knowing about sound data, such as a
/// notice whose village rows do not add up to the total it states. Notes never stop a
/// command.
public enum PolicyCheck {
    /// Something `check` reports about sound data: not a problem, nothing to fix.
    public struct Note: Equatable, Sendable, CustomStringConvertible {
        public let file: String
        /// The JSON path the note is about, e.g. `targets.villages`.
        public let path: String
        public let message: String

        /// `FILE: at PATH: note: message`, like a problem with `note:` before the message.
        public var description: String { "\(file): at \(path): note: \(message)" }
    }

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
        /// Notes on files that decoded, in file order.
        public var notes: [Note] = []
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
            report.notes += notes(on: policy)
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

    /// The notes on one decoded policy: each measure of its village table whose rows add
    /// up to something other than a total the notice states, naming both figures and
    /// every clause involved.
    ///
    ///     nancheng/2021.json: at targets.villages: note: the 18 villages' tasks add up to 55202;
    ///     the notice states 55761 (一(一); 附表1 合计), 559 more than the rows; both are kept as printed
    static func notes(on policy: RegionPolicy) -> [Note] {
        guard let targets = policy.targets else { return [] }
        var notes: [Note] = []
        for measure in CollectionTargets.Measure.allCases {
            guard let sum = targets.rowSum(measure) else { continue }
            let stated = targets.statedTotals(measure)
            let differing = stated.filter { $0.figure != sum }
            guard !differing.isEmpty else { continue }
            let agreeing = stated.filter { $0.figure == sum }.map(\.source)
            // One entry per differing figure, in the order the notice's totals come.
            var figures: [(figure: Int, sources: [String])] = []
            for total in differing {
                if let index = figures.firstIndex(where: { $0.figure == total.figure }) {
                    figures[index].sources.append(total.source)
                } else {
                    figures.append((total.figure, [total.source]))
                }
            }
            let noun = measure == .task ? "tasks" : "populations"
            let states = figures.map { entry in
                let difference = entry.figure - sum
                let how = difference > 0 ? "\(difference) more" : "\(-difference) fewer"
                return "\(entry.figure) (\(entry.sources.joined(separator: "; "))), \(how) than the rows"
            }
            notes.append(Note(
                file: policy.file, path: "targets.villages",
                message: "the \(targets.villages.count) villages' \(noun) add up to \(sum)"
                    + (agreeing.isEmpty ? "" : ", as \(agreeing.joined(separator: "; ")) states")
                    + "; the notice states " + states.joined(separator: " and ") + "; both are kept as printed"))
        }
        return notes
    }
}
