import ResidentIO

extension ResidentField {
    /// The option this field is on the command line.
    var option: OptionSpec {
        switch kind {
        case .categories: .repeated(flag, placeholder ?? "id", help)
        case .situation: .flag(flag, help)
        default: .value(flag, placeholder ?? "value", help)
        }
    }
}
