import PolicyKit

/// Prices one record for `premium batch`: resolves it, runs the quote engine, and writes
/// the result's JSON members or CSV cells into a scratch buffer reused for every record.
struct BatchPricer {
    let store: PolicyStore
    let language: Language
    let full: Bool
    let csv: Bool
    /// The last result written; the runner copies it to the cache and the output.
    let scratch = ByteBuffer(capacity: 4096)

    /// Prices a request in the general form (names, aliases, any spelling of dates).
    func price(_ request: QuoteRequest) -> BatchResult.Tally {
        do {
            let (policy, resident, selection) = try request.resolve(in: store) { $0.replacingDashes }
            return price(policy, resident, selection: selection)
        } catch {
            return fail(error.message)
        }
    }

    func price(_ policy: RegionPolicy, _ resident: Resident, selection: LocalizedText? = nil) -> BatchResult.Tally {
        do {
            let quote = try QuoteEngine(policy: policy, selection: selection).quote(resident, explaining: full)
            return BatchResult.write(quote, policy: policy, language: language, full: full, csv: csv, into: scratch)
        } catch {
            return fail(CLIError(error).message)
        }
    }

    /// A record that cannot be priced: its `error` line.
    func fail(_ message: String) -> BatchResult.Tally {
        BatchResult.write(error: Echo.message(message), csv: csv, into: scratch)
    }
}
