/// Whether a resident is in a hardship group on a payment date. One answer serves every
/// purpose: the subsidy, the routes a group opens, and the exemptions it brings (nanan's
/// waiting period and July surcharge). A group whose conditions fail, or whose status has
/// not yet taken effect, counts for none of them.
public enum Membership: Equatable, Sendable {
    case member
    /// Recognised after paying, and the notice settles the subsidy afterwards
    /// (dongzhi 四(四): rosters re-set on 31 December).
    case memberSettledLater
    /// The group's conditions (age, disability …) do not hold.
    case conditionsNotMet
    /// Recognised, but the status counts only for payments from `effective`.
    case notYet(effective: CivilDate)

    /// Whether the resident counts as a member on the payment date.
    public var counts: Bool { self == .member || self == .memberSettledLater }
}

extension RegionPolicy {
    /// The resident's membership of `category` when paying on `paidOn`.
    public func membership(_ category: Category, of resident: Resident, paidOn: CivilDate) -> Membership {
        if !category.conditionsAny.anyHolds(for: resident, paidOn: paidOn, in: self) { return .conditionsNotMet }
        guard let recognized = resident.recognizedOn else { return .member }
        let effective = effectiveRecognition(recognized)
        if paidOn >= effective { return .member }
        if let rule = recognition, rule.paidBefore == .refundLater, rule.recognizedBy.map({ recognized <= $0 }) ?? true {
            return .memberSettledLater
        }
        return .notYet(effective: effective)
    }

    /// Whether the resident counts as a member of the group `id` when paying on `paidOn`.
    func isMember(_ id: String, of resident: Resident, paidOn: CivilDate) -> Bool {
        guard resident.categories.contains(id), let category = category(id) else { return false }
        return membership(category, of: resident, paidOn: paidOn).counts
    }

    /// Whether the resident counts as a member of a hardship group (困难人口).
    func isInHardship(_ resident: Resident, paidOn: CivilDate) -> Bool {
        resident.categories.contains { id in
            guard let category = category(id), category.hardship else { return false }
            return membership(category, of: resident, paidOn: paidOn).counts
        }
    }

    /// Whether a recognition date has taken effect by `paidOn`.
    func recognitionCounts(_ resident: Resident, paidOn: CivilDate) -> Bool {
        guard let recognized = resident.recognizedOn else { return false }
        return paidOn >= effectiveRecognition(recognized)
    }

    /// The first payment date a recognition on `date` counts for: the notice's rule, or
    /// (a silent notice) the day itself.
    public func effectiveRecognition(_ date: CivilDate) -> CivilDate {
        recognition?.effective(recognizedOn: date) ?? date
    }
}
