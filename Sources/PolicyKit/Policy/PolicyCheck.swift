/// `premium check`: every problem in a set of policy files, not only the first.
///
/// Each file is decoded (a syntax, type, key, date or amount error stops that file at
/// its first problem), then cross-checked in full (totals, references, names used twice,
/// subsidies above fees, windows out of bounds or overlapping), then checked against the
/// files before it (region-year twice, region names shared, file in the wrong place).
/// Loading a `PolicyStore` runs the same checks and stops at the first problem, so no
/// command computes from data `check` would reject.
public enum PolicyCheck {
    public static func problems(in files: [(path: String, bytes: [UInt8])]) -> [PolicyError] {
        var problems: [PolicyError] = []
        var sound: [RegionPolicy] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let policy: RegionPolicy
            do {
                policy = try RegionPolicy(file: file.path, bytes: file.bytes, validating: false)
            } catch {
                problems.append(error)
                continue
            }
            let own = policy.problems()
            problems += own
            if let clash = PolicyStore.problem(with: policy, after: sound) {
                problems.append(clash)
            } else if own.isEmpty {
                sound.append(policy)
            }
        }
        return problems
    }
}
