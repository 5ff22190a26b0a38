"""Operating-system errors as words for users, in Chinese and English."""

from __future__ import annotations

import errno
import os
import stat

REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘空间不足", "no space left on device"),
    errno.EDQUOT: ("超出磁盘配额", "disk quota exceeded"),
    errno.EPERM: ("不允许的操作（文件可能被锁定或只读）", "operation not permitted (the file may be immutable)"),
    errno.EACCES: ("权限不足", "permission denied"),
    errno.EROFS: ("文件系统为只读", "read-only file system"),
    errno.EISDIR: ("该位置是一个目录", "is a directory"),
    errno.ENOTDIR: ("路径中有一部分不是目录", "a part of the path is not a directory"),
    errno.EEXIST: ("该位置已有同名文件", "a file of that name exists"),
    errno.ENAMETOOLONG: ("文件名过长", "file name too long"),
    errno.ENOENT: ("找不到文件或目录", "no such file or directory"),
    errno.EIO: ("输入输出错误", "input/output error"),
}
"""errno → (Chinese, English) for the errors a build can meet on its output."""


def reason(error: OSError) -> dict[str, str]:
    """Message fields ``reason`` (Chinese) and ``reason_en`` (English) describing ``error``."""
    zh, en = REASONS.get(error.errno or 0, ("", ""))
    if not en:
        en = os.strerror(error.errno) if error.errno else (str(error) or type(error).__name__)
        zh = en
    return {"reason": zh, "reason_en": en}


def file_kind(mode: int) -> dict[str, str]:
    """Message fields ``kind`` and ``kind_en`` naming what a non-regular file is (from ``st_mode``)."""
    kinds = (
        (stat.S_ISDIR, "目录", "a directory"),
        (stat.S_ISFIFO, "命名管道（FIFO）", "a FIFO"),
        (stat.S_ISCHR, "字符设备", "a character device"),
        (stat.S_ISBLK, "块设备", "a block device"),
        (stat.S_ISSOCK, "套接字", "a socket"),
        (stat.S_ISLNK, "符号链接", "a symbolic link"),
    )
    zh, en = next(((zh, en) for test, zh, en in kinds if test(mode)), ("特殊文件", "a special file"))
    return {"kind": zh, "kind_en": en}


def not_regular(mode: int) -> dict[str, str]:
    """Message fields ``reason`` and ``reason_en`` for a non-regular file where a product goes."""
    kind = file_kind(mode)
    return {"reason": f"不是普通文件（是{kind['kind']}）", "reason_en": f"not a regular file ({kind['kind_en']})"}
