import PolicyKit
import ResidentIO

/// An error shown to the user as one `premium: error: …` line, plus an exit status.
struct CLIError: Error, Equatable {
    var message: LocalizedText
    var status: ExitCode

    init(message: LocalizedText, status: ExitCode) {
        self.message = message
        self.status = status
    }

    init(zh: String, en: String, status: ExitCode) {
        self.init(message: LocalizedText(zh: zh, en: en), status: status)
    }

    static func usage(_ message: LocalizedText) -> CLIError { CLIError(message: message, status: .usage) }
    static func usage(zh: String, en: String) -> CLIError { .usage(LocalizedText(zh: zh, en: en)) }

    /// A write, flush or close of `file` failed.
    static func cannotWrite(_ file: FileName, _ code: Int32) -> CLIError {
        let reason = systemMessage(code)
        return CLIError(zh: "无法写入\(file.zh)：\(reason.zh)", en: "cannot write \(file.en): \(reason.en)", status: .ioError)
    }

    /// `file` cannot be created.
    static func cannotCreate(_ file: FileName, _ code: Int32) -> CLIError {
        let reason = systemMessage(code)
        return CLIError(zh: "无法创建\(file.zh)：\(reason.zh)", en: "cannot create \(file.en): \(reason.en)", status: .cantCreate)
    }

    /// A read of `file` failed.
    static func cannotRead(_ file: FileName, _ code: Int32) -> CLIError {
        let reason = systemMessage(code)
        return CLIError(zh: "无法读取\(file.zh)：\(reason.zh)", en: "cannot read \(file.en): \(reason.en)", status: .ioError)
    }
}

/// A file as a message names it: standard input or output, or a path.
enum FileName: Equatable {
    case standardInput, standardOutput
    case path(String)

    var zh: String {
        switch self {
        case .standardInput: "标准输入"
        case .standardOutput: "标准输出"
        case .path(let path): "“\(path)”"
        }
    }

    var en: String {
        switch self {
        case .standardInput: "standard input"
        case .standardOutput: "standard output"
        case .path(let path): "'\(path)'"
        }
    }
}

extension CLIError {
    /// The one place where domain errors get exit statuses (`PolicyError.message`
    /// words them).
    init(_ error: PolicyError) {
        switch error {
        case .directoryNotFound: self.init(message: error.message, status: .noInput)
        case .unreadableFile, .invalidData, .caseFailed: self.init(message: error.message, status: .dataError)
        case .unknownRegion, .unknownCategory, .yearNotAvailable, .tierNotOffered, .inconsistentResident:
            self.init(message: error.message, status: .usage)
        }
    }

    /// A request that cannot be resolved is a usage error on the command line.
    init(_ error: RequestError) {
        switch error {
        case .invalid(let message): self.init(message: message, status: .usage)
        case .policy(let policy): self.init(policy)
        }
    }
}
