/// The answer for one resident: what to pay now, what comes back later, and from when
/// to when he is covered, with every clause and assumption behind it.
public struct Quote: Sendable {
    /// One subsidy line: a part of the chosen group's subsidy and who funds it.
    public struct SubsidyLine: Equatable, Sendable {
        public let category: String
        public let amount: Fen
        public let timing: SubsidyPart.Timing
        public let funder: Funder
        /// The clause, e.g. `二(四)5`; `Quote.document` names the notice.
        public let clause: String
    }

    /// Why a group's subsidy was not chosen (for explanations).
    public struct SetAside: Equatable, Sendable {
        public let category: String
        /// The amount it would have given, or zero when it does not apply.
        public let amount: Fen
        public let why: LocalizedText
        /// The clause behind the reason.
        public let clause: String
    }

    /// Why the resident cannot join on that date.
    public struct Refusal: Equatable, Sendable {
        /// A stable code for scripts, e.g. `outside_windows`.
        public let code: String
        public let text: LocalizedText
        /// Situations that would open a way of joining on that date (zhuji's returning
        /// migrant workers in January and February).
        public let suggest: [Situation]

        public init(code: String, text: LocalizedText, suggest: [Situation] = []) {
            self.code = code
            self.text = text
            self.suggest = suggest
        }
    }

    public let region: String
    public let year: Int
    public let categories: [String]
    public let tier: Int
    public let paidOn: CivilDate
    /// True when no payment date was given and the centralised window was assumed.
    public let paidOnAssumed: Bool
    /// The way of joining that applies; `nil` when none does.
    public let route: Route?
    public var enrollable: Bool { refusal == nil }
    public let refusal: Refusal?
    public let individualFee: Fen
    public let fiscalSubsidy: Fen
    /// The fiscal part a late payer pays himself; zero otherwise.
    public let lateSurcharge: Fen
    /// The clause that imposes the surcharge, when there is one.
    public let surchargeClause: String?
    /// The group whose subsidy applies (the single most favourable one).
    public let subsidyCategory: String?
    public let subsidies: [SubsidyLine]
    /// Subsidy deducted now.
    public let subsidy: Fen
    /// What the resident pays now: fee + surcharge − subsidy.
    public let payable: Fen
    /// What a department refunds later (先缴后补).
    public let refundLater: Fen
    public let benefitStart: CivilDate?
    public let benefitStartRule: BenefitStart
    public let benefitEnd: CivilDate?
    /// Days of a waiting period between payment and cover (0 when there is none).
    public let waitingDays: Int
    /// Groups the resident named whose subsidy was not the one applied, and why.
    public let setAside: [SetAside]
    public let assumptions: [Assumption]
    /// Caveats that are not assumptions (a route's conditions, a group's definition).
    public let notes: [LocalizedText]
    /// The notice's reference, e.g. `南城办发〔2020〕84号`.
    public let document: String
    /// Every clause used, in order of first use.
    public let clauses: [String]
    /// Every clause used, as `document clause`, in order of first use.
    public var sources: [String] { clauses.map { document + " " + $0 } }
}
