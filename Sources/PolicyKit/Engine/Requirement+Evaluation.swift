extension Requirement {
    /// Whether `resident`, paying on `paidOn`, meets every condition set here.
    func holds(for resident: Resident, paidOn: CivilDate, in policy: RegionPolicy) -> Bool {
        if let situation, !resident.situations.contains(situation) { return false }
        if let categories, !categories.contains(where: { policy.isMember($0, of: resident, paidOn: paidOn) }) { return false }
        if let hardship, hardship != policy.isInHardship(resident, paidOn: paidOn) { return false }
        if let recognized, recognized != policy.recognitionCounts(resident, paidOn: paidOn) { return false }
        if bornWithinDays != nil || bornWithinMonths != nil || bornAfterDays != nil || ageUnder != nil || ageAtLeast != nil {
            guard let born = resident.born else { return false }
            if let days = bornWithinDays, !(born <= paidOn && paidOn <= born.adding(days: days)) { return false }
            if let months = bornWithinMonths, !(born <= paidOn && paidOn <= born.adding(months: months)) { return false }
            if let days = bornAfterDays, !(paidOn > born.adding(days: days)) { return false }
            if let years = ageUnder, !(born.age(on: paidOn) < years) { return false }
            if let years = ageAtLeast, !(born.age(on: paidOn) >= years) { return false }
        }
        if leftEmployeeInsurance != nil || employeeStoppedWithinMonths != nil || employeeStoppedAfterMonths != nil {
            guard let stopped = resident.leftEmployeeInsurance else { return leftEmployeeInsurance == false }
            if leftEmployeeInsurance == false { return false }
            if let months = employeeStoppedWithinMonths, !(paidOn <= stopped.adding(months: months)) { return false }
            if let months = employeeStoppedAfterMonths, !(paidOn > stopped.adding(months: months)) { return false }
        }
        if schoolEntryWithinMonths != nil || schoolEntryIn != nil {
            guard let entry = resident.schoolEntry else { return false }
            if let months = schoolEntryWithinMonths, !(paidOn <= entry.adding(months: months)) { return false }
            if let period = schoolEntryIn, !period.contains(entry) { return false }
        }
        return true
    }

    /// The conditions in words, e.g. "出生后90日内缴费" / "paid within 90 days of birth".
    public func describe(in policy: RegionPolicy) -> LocalizedText {
        var zh: [String] = [], en: [String] = []
        if let situation {
            let meaning = policy.meaning(of: situation)
            zh.append(meaning.zh)
            en.append(meaning.en)
        }
        if let categories {
            let names = categories.map { policy.category($0)?.name ?? LocalizedText(zh: $0, en: $0) }
            zh.append("属于" + names.map(\.zh).joined(separator: "、"))
            en.append("in " + names.map(\.en).joined(separator: ", "))
        }
        if hardship == true { zh.append("属于困难人口"); en.append("in a hardship group") }
        if recognized == true { zh.append("为新认定（动态调整）对象"); en.append("newly recognised as a hardship group") }
        if let days = bornWithinDays { zh.append("出生后\(days)日内缴费"); en.append("paid within \(days) days of birth") }
        if let months = bornWithinMonths { zh.append("出生后\(months)个月内缴费"); en.append("paid within \(months) months of birth") }
        if let days = bornAfterDays { zh.append("出生超过\(days)日后缴费"); en.append("paid more than \(days) days after birth") }
        if let years = ageUnder { zh.append("缴费时未满\(years)周岁"); en.append("under \(years) on the payment date") }
        if let years = ageAtLeast { zh.append("缴费时年满\(years)周岁"); en.append("aged \(years) or over on the payment date") }
        if leftEmployeeInsurance == true { zh.append("由职工医保转入"); en.append("moving over from employee insurance") }
        if let months = employeeStoppedWithinMonths { zh.append("职工医保中断缴费不超过\(months)个月"); en.append("employee insurance stopped at most \(months) months before") }
        if let months = employeeStoppedAfterMonths { zh.append("职工医保中断缴费超过\(months)个月"); en.append("employee insurance stopped more than \(months) months before") }
        if let months = schoolEntryWithinMonths { zh.append("入学后\(months)个月内缴费"); en.append("paid within \(months) month(s) of entering school") }
        if let period = schoolEntryIn { zh.append("入学日期在\(period.from)至\(period.to)"); en.append("entered school \(period.from) … \(period.to)") }
        return LocalizedText(zh: zh.joined(separator: "且"), en: en.joined(separator: " and "))
    }
}

extension [Requirement] {
    /// "Any of": true when empty or when one requirement holds.
    func anyHolds(for resident: Resident, paidOn: CivilDate, in policy: RegionPolicy) -> Bool {
        isEmpty || contains { $0.holds(for: resident, paidOn: paidOn, in: policy) }
    }

    /// The alternatives in words, joined by "或" / "or".
    public func describe(in policy: RegionPolicy) -> LocalizedText {
        let parts = map { $0.describe(in: policy) }
        return LocalizedText(zh: parts.map(\.zh).joined(separator: "；或"), en: parts.map(\.en).joined(separator: "; or "))
    }
}

extension Requirement {
    /// The offsets `holds` adds to a resident's own dates before comparing them with the
    /// payment date (90 days after birth, 3 months after employee insurance stopped, age
    /// 60), kept beside `holds` so the two cannot drift apart.
    var offsets: (days: [Int], months: [Int], ages: [Int]) {
        (days: [bornWithinDays, bornAfterDays].compactMap { $0 },
         months: [bornWithinMonths, employeeStoppedWithinMonths, employeeStoppedAfterMonths, schoolEntryWithinMonths].compactMap { $0 },
         ages: [ageUnder, ageAtLeast].compactMap { $0 })
    }
}
