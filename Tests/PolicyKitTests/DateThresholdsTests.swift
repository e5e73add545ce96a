import PolicyKit
import Testing

/// `dateThresholds` tells types apart by metatype and opens optionals and arrays itself,
/// for speed; a plain mirror walk, casting every value, must find the same thresholds.
struct DateThresholdsTests {
    @Test func theFastWalkFindsWhatAPlainMirrorWalkFinds() throws {
        for policy in embeddedStore.policies {
            var dates = Set<CivilDate>(), requirements: [Requirement] = []
            func walk(_ value: Any, depth: Int) {
                if let date = value as? CivilDate { dates.insert(date); return }
                if let requirement = value as? Requirement { requirements.append(requirement) }
                guard depth < 24 else { return }
                for child in Mirror(reflecting: value).children { walk(child.value, depth: depth + 1) }
            }
            walk(policy, depth: 0)
            let thresholds = policy.dateThresholds
            let name = "\(policy.id) \(policy.year)"
            #expect(thresholds.dates == dates.sorted(), "\(name)")
            #expect(!requirements.isEmpty, "\(name)")
            #expect(thresholds.days == Set(requirements.flatMap { [$0.bornWithinDays, $0.bornAfterDays] }.compactMap { $0 }).sorted(),
                    "\(name)")
            #expect(thresholds.months == Set(requirements.flatMap {
                [$0.bornWithinMonths, $0.employeeStoppedWithinMonths, $0.employeeStoppedAfterMonths, $0.schoolEntryWithinMonths]
            }.compactMap { $0 }).sorted(), "\(name)")
            #expect(thresholds.ages == Set(requirements.flatMap { [$0.ageUnder, $0.ageAtLeast] }.compactMap { $0 }).sorted(),
                    "\(name)")
        }
    }

    /// Dates held in arrays are found: nancheng 2021's hardship groups pay from 2020-09-01
    /// to 2021-06-30 (南城办发〔2020〕84号 五(三)), and its student route ends 2021-08-31 (四(二)).
    @Test func datesInsideArraysAreFound() throws {
        let policy = try embeddedStore.policy(region: "nancheng", year: 2021)
        let dates = policy.dateThresholds.dates
        for date in ["2020-09-01", "2021-06-30", "2021-08-31"] { #expect(dates.contains(day(date)), "\(date)") }
        #expect(dates == dates.sorted() && Set(dates).count == dates.count)
    }
}
