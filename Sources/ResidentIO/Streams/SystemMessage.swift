#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit

/// The text of an `errno` value: in English as `strerror` gives it, in Chinese from the
/// table below for the failures a clerk meets (a full disk, a missing file, no
/// permission), else `strerror`'s text with the number.
public func systemMessage(_ code: Int32) -> LocalizedText {
    let english = String(cString: strerror(code))
    let chinese: String
    switch code {
    case ENOENT: chinese = "文件或目录不存在"
    case EACCES, EPERM: chinese = "没有权限"
    case ENOSPC: chinese = "磁盘空间已满"
    case EDQUOT: chinese = "超出磁盘配额"
    case EISDIR: chinese = "这是一个目录"
    case ENOTDIR: chinese = "路径中有一项不是目录"
    case EROFS: chinese = "文件系统为只读"
    case EPIPE: chinese = "管道已关闭（读取方已退出）"
    case EIO: chinese = "输入/输出错误"
    case EBADF: chinese = "文件描述符无效（未打开）"
    case EEXIST: chinese = "文件已存在"
    case ENAMETOOLONG: chinese = "文件名过长"
    case EMFILE, ENFILE: chinese = "打开的文件过多"
    case EFBIG: chinese = "文件过大"
    case EXDEV: chinese = "不能跨文件系统重命名"
    default: chinese = "系统错误 \(code)：\(english)"
    }
    return LocalizedText(zh: chinese, en: english)
}
