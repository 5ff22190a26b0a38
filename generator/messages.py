"""User-facing messages in Chinese (default) and English (``--lang en``).

Every problem a user can cause has a key here; :func:`message` fills its template.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Chinese, English)
    "file_missing": ("找不到文件（应为报告的 YAML 文件）", "file not found (expected a report YAML file)"),
    "not_utf8": ("文件不是 UTF-8 编码（请以 UTF-8 保存）", "file is not UTF-8 (save it as UTF-8)"),
    "too_large": ("文件过大：{size} 字节（上限 {limit} 字节）", "file too large: {size} bytes (limit {limit} bytes)"),
    "empty_file": ("文件为空（应为报告的 YAML 内容）", "file is empty (expected report YAML)"),
    "yaml_syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "duplicate_key": ("重复的键“{key}”（每个键只能出现一次）", "duplicate key '{key}' (each key may appear once)"),
    "alias": ("不允许使用别名“*{name}”（请直接写出内容）", "alias '*{name}' is not allowed (write the content out)"),
    "tag": ("不允许使用标签“{tag}”（请去掉标签）", "tag '{tag}' is not allowed (remove it)"),
    "too_deep": ("嵌套层次过深（最多 {limit} 层）", "nesting too deep (at most {limit} levels)"),
    "top_not_mapping": ("顶层应为键值映射（如 report: …）", "top level must be a mapping (report: …)"),
    "unknown_key": ("未知的键“{key}”（可用的键：{allowed}）", "unknown key '{key}' (expected one of: {allowed})"),
    "missing": ("缺少必填项“{key}”", "missing required field '{key}'"),
    "wrong_type": ("类型错误：应为{expected}", "wrong type (expected {expected_en})"),
    "invalid_value": ("取值无效：{detail}", "invalid value: {detail}"),
    "bad_choice": ("取值无效（应为以下之一：{choices}）", "invalid value (expected one of: {choices})"),
    "bad_id": ("标识无效（应为小写字母、数字和连字符）", "invalid id (expected lowercase letters, digits and hyphens)"),
    "too_short": ("不能为空（至少应有 {min} 项）", "must not be empty (expected at least {min} item(s))"),
    "empty_paragraph": ("段落为空（应有正文）", "empty paragraph (expected text)"),
    "empty_text": ("文本为空（应有内容）", "empty text (expected content)"),
    "control_char": (
        "含有 XML 无法承载的控制字符 U+{code}（请删除）",
        "contains control character U+{code} that XML cannot carry (remove it)",
    ),
    "inline_unclosed": ("加粗标记“**”没有闭合（应成对出现）", "unclosed emphasis mark '**' (marks come in pairs)"),
    "inline_empty": ("加粗标记“****”之间没有文字", "empty emphasis '****'"),
    "term_unused": (
        "名词“{term}”在正文中没有出现（应为正文中使用的名词）",
        "term '{term}' never occurs in the body (expected a term the body uses)",
    ),
    "duplicate_term": ("名词“{term}”重复", "duplicate term '{term}'"),
    "figure_quote_missing": (
        "数据原文“{quote}”不在本段正文中（应与正文一字不差）",
        "figure quote '{quote}' is not in this paragraph (expected the exact text)",
    ),
    "figure_unparsable": (
        "数据原文“{quote}”不是可识别的数字（应如“9818.3万元”“3万6千余人”“近400篇”）",
        "figure quote '{quote}' is not a number form (expected e.g. 9818.3万元, 3万6千余人, 近400篇)",
    ),
    "figure_mismatch": (
        "数据与正文不符：正文“{quote}”为 {quoted}，此处为 {declared}",
        "figure disagrees with its sentence: '{quote}' says {quoted}, declared {declared}",
    ),
    "qualifier_mismatch": (
        "限定词与正文不符：正文“{quote}”为“{quoted}”，此处为“{declared}”",
        "qualifier disagrees with the sentence: '{quote}' has '{quoted}', declared '{declared}'",
    ),
    "duplicate_id": ("标识“{id}”重复（应唯一）", "duplicate id '{id}' (ids must be unique)"),
    "unknown_figure": (
        "未知的数据标识“{id}”（应为某段 figures 中的 id）",
        "unknown figure id '{id}' (expected the id of a paragraph's figure)",
    ),
    "chart_unit": (
        "“{label}”的单位“{unit}”不能换算为图表单位“{chart_unit}”（一个图表只用一种单位）",
        "'{label}' in {unit} cannot be shown in the chart's unit {chart_unit} (one unit per chart)",
    ),
    "missing_glyphs": (
        "字体“{font}”缺少字符：{chars}（请改用其他字或更换字体）",
        "font '{font}' lacks characters: {chars} (change the text or the font)",
    ),
    "glyph_fallback": (
        "警告：字体“{font}”缺少字符 {chars}，这些字改用“{fallback}”印出",
        "warning: font '{font}' lacks {chars}; printed in '{fallback}' instead",
    ),
    "glyphs_missing": (
        "所试字体都缺少字符：{chars}（已试：{fonts}；请改用其他字）",
        "every font tried lacks characters: {chars} (tried {fonts}; change the text)",
    ),
    "glyphs_missing_at": (
        "{where}：所试字体都缺少字符：{chars}（已试：{fonts}；请改用其他字）",
        "{where}: every font tried lacks characters: {chars} (tried {fonts}; change the text)",
    ),
    "outside_gb2312": (
        "警告：{face} 不含字符 {chars}（Word/WPS 将以其他字体显示这些字）",
        "warning: {face} lacks {chars} (Word/WPS will show them in another face)",
    ),
    "watching": (
        "正在监视 {count} 个源文件，保存即重新生成（Ctrl-C 退出）",
        "watching {count} source(s); saving rebuilds (Ctrl-C stops)",
    ),
    "lead_missing": (
        "引领句“{lead}”不在本段正文中（应与正文一字不差，并按先后顺序）",
        "lead-in '{lead}' is not in this paragraph's text (expected the exact text, in order)",
    ),
    "numbering_sequence": (
        "序号不连续：此处应以“{expected}”开头",
        "numbering out of sequence: expected '{expected}' here",
    ),
    "cell_out_of_range": (
        "单元格位置超出表格（[行, 列] 从 0 起，不含表头）",
        "cell outside the table ([row, column] from 0, header excluded)",
    ),
    "figure_unknown_unit": (
        "数据原文“{quote}”的单位“{part}”无法识别（可用的单位：{accepted}）",
        "figure quote '{quote}': unknown unit '{part}' (accepted units: {accepted})",
    ),
    "figure_unknown_hedge": (
        "数据原文“{quote}”的限定词“{part}”无法识别（可用的限定词：{accepted}）",
        "figure quote '{quote}': unknown hedge '{part}' (accepted hedges: {accepted})",
    ),
    "figure_bad_range": (
        "数据原文“{quote}”的区间无法识别：两端单位应相同、下限应小于上限（可用的连接号：{accepted}）",
        "figure quote '{quote}': unreadable range: both ends in one unit, the lower first (separators: {accepted})",
    ),
    "figure_too_long": ("数字过长：“{quote}”（最多 30 位）", "number too long: '{quote}' (at most 30 digits)"),
    "two_glossaries": (
        "名词解释只能有一处（附件中已有名词解释）",
        "only one glossary is allowed (an appendix already has one)",
    ),
    "chart_figures_or_series": (
        "图表应给出 figures（单系列）或 series（多系列）之一",
        "a chart needs either figures (one series) or series (several), not both or neither",
    ),
    "chart_series_length": (
        "系列的数据个数应为 {count}（与类别一一对应）",
        "a series needs {count} figures (one per category)",
    ),
    "chart_duplicate_label": (
        "同一图表中有两个数据都叫“{label}”（名称应各不相同）",
        "two figures in one chart are both called '{label}' (labels must differ)",
    ),
    "problem_count": ("共 {count} 处问题", "{count} problem(s)"),
    "more_problems": ("（另有 {count} 处问题）", " (and {count} more problem(s))"),
    "edited_product": (
        "产品“{name}”在生成后被手工修改过，未覆盖（确认后用 --force 覆盖）",
        "product '{name}' was edited after it was built; not overwritten (use --force to overwrite)",
    ),
    "no_sources": ("没有找到报告源文件（{where}）", "no report sources found ({where})"),
    "unknown_format": ("未知的格式“{name}”（可用：{allowed}）", "unknown format '{name}' (available: {allowed})"),
    "build_failed": ("生成 {format} 失败：{detail}", "building {format} failed: {detail}"),
    "import_unplaced": (
        "无法归类，按普通段落保留：“{text}”",
        "could not place this; kept as a plain paragraph: '{text}'",
    ),
    "import_no_salutation": ("没有找到称呼（如“各位代表：”）", "no salutation found (such as 各位代表：)"),
    "import_no_date": (
        "没有找到会议日期（应在“——2020年8月20日在…会议上”一行），请在 YAML 中填写",
        "no meeting date found (expected in the ——2020年8月20日在…会议上 line); fill it in the YAML",
    ),
    "import_no_parts": (
        "没有找到正文部分（如“一、…”），全文作为一个部分",
        "no parts found (such as 一、…); the body is one part",
    ),
    "import_empty_part": (
        "标题“{heading}”下没有内容，按普通段落保留",
        "heading '{heading}' has no content; kept as a plain paragraph",
    ),
    "import_section_runin": (
        "小节标题后没有找到句号，按普通段落保留：“{text}”",
        "no full stop ends this section heading; kept as a plain paragraph: '{text}'",
    ),
    "import_numbering": (
        "序号不连续（应为{what}…），按原文保留序号",
        "numbers out of sequence (expected {what} …); kept as written",
    ),
    "import_empty_glossary": (
        "名词解释没有条目（应为“名词：解释”）",
        "the glossary has no entries (expected 'term：definition')",
    ),
    "import_glossary_continued": (
        "这一行没有“名词：解释”的形式，已接在上一条解释之后",
        "this line is not 'term：definition'; appended to the previous definition",
    ),
    "import_term_unmatched": (
        "名词“{term}”在正文中找不到，保留但不标页码（match: []）",
        "term '{term}' is not found in the body; kept without a page reference (match: [])",
    ),
    "import_joined": (
        "段落在此处断开（页末或行末），已与下一段合并",
        "a paragraph is cut here (line or page end); joined with the next one",
    ),
    "import_exists": (
        "文件“{path}”已存在，未覆盖（确认后用 --force 覆盖）",
        "'{path}' exists; not overwritten (use --force)",
    ),
    "import_unreadable": (
        "无法读取“{path}”（应为 UTF-8 编码的 .md 或 .txt 文件）",
        "cannot read '{path}' (expected a UTF-8 .md or .txt file)",
    ),
    "extract_unreadable": (
        "无法读取该文件（应为存档版 -full.pdf）",
        "cannot read the file (expected an archival -full.pdf)",
    ),
    "extract_not_pdf": ("不是 PDF 文件（应为存档版 -full.pdf）", "not a PDF file (expected an archival -full.pdf)"),
    "extract_no_source": (
        "没有内嵌的报告源文件（应为 reportgen 生成的存档版 -full.pdf）",
        "no embedded report source (expected an archival -full.pdf built by reportgen)",
    ),
    "import_bad_id": (
        "标识“{id}”无效（应为小写字母、数字和连字符）",
        "invalid id '{id}' (expected lowercase letters, digits and hyphens)",
    ),
    "output_error": ("无法写入“{path}”：{reason}", "cannot write '{path}': {reason_en}"),
    "name_too_long": (
        "产品文件名过长：“{name}”为 {size} 字节（上限 {limit} 字节，请缩短 report.id 或版本号）",
        "product file name too long: '{name}' is {size} bytes (limit {limit}; shorten report.id or the version)",
    ),
    "lock_waiting": (
        "另一个生成正在写入“{path}”，等待其完成……",
        "another build is writing into '{path}'; waiting for it…",
    ),
    "lock_timeout": (
        "另一个生成占用“{path}”已超过 {seconds} 秒，放弃本次生成",
        "another build has held '{path}' for over {seconds} s; giving up",
    ),
    "lock_failed": ("无法锁定输出目录（“{path}”：{reason}）", "cannot lock the output folder ('{path}': {reason_en})"),
    "output_incomplete": (
        "替换产品时出错（“{path}”：{reason}），下次生成将完成这次替换",
        "replacing products failed ('{path}': {reason_en}); the next build completes the replacement",
    ),
    "recovery_failed": (
        "无法完成上次中断的替换（“{path}”：{reason}）",
        "cannot complete the interrupted replacement ('{path}': {reason_en})",
    ),
    "fonts_changed": (
        "注意：{name} 上次生成时使用的字体文件不同（{fonts}），本次生成的字节可能与上次不同",
        "notice: {name} was last built with other font files ({fonts}); its bytes may differ from the last build",
    ),
    "is_directory": ("这是一个目录（应为报告的 YAML 文件）", "is a directory (expected a report YAML file)"),
    "permission_denied": ("没有读取权限（请检查文件权限）", "permission denied (check the file's permissions)"),
    "not_regular_file": (
        "不是普通文件（{kind}；应为报告的 YAML 文件）",
        "not a regular file ({kind_en}; expected a report YAML file)",
    ),
    "read_failed": ("读取失败：{reason}", "cannot read the file: {reason_en}"),
    "import_docx_tracked": (
        "文档含未接受的修订（{count} 处），已按全部接受导入（插入保留、删除舍去）",
        "the document has {count} unaccepted tracked change(s); imported as if all were accepted",
    ),
    "import_docx_comment": (
        "批注未导入（在“{at}”处）：“{comment}”",
        "comment not imported (at '{at}'): '{comment}'",
    ),
    "import_docx_footnote": (
        "脚注未导入（在“{at}”之后）：“{note}”",
        "footnote not imported (after '{at}'): '{note}'",
    ),
    "import_docx_picture": (
        "图片未导入（图表请在 YAML 中用 charts 描述）",
        "picture not imported (describe charts in the YAML)",
    ),
    "import_docx_bullet": (
        "项目符号“{bullet}”按“——”导入",
        "bullet '{bullet}' imported as ——",
    ),
    "import_docx_merged_text": (
        "合并单元格中被覆盖的文字已并入合并后的单元格：“{text}”",
        "text in a cell covered by a merge joins the merged cell: '{text}'",
    ),
    "import_docx_invalid": (
        "无法读取“{path}”：{reason}（应为 Word 文档 .docx）",
        "cannot read '{path}': {reason} (expected a Word .docx document)",
    ),
    "import_needs_libreoffice": (
        "{path}: 读取 {suffix} 文件需要 LibreOffice（soffice），未安装；请安装，或在 Word/WPS 中另存为 .docx",
        "{path}: a {suffix} file needs LibreOffice (soffice), which is not installed; install it or save as .docx",
    ),
    "compare_unreadable": (
        "无法读取“{path}”：{reason}",
        "cannot read '{path}': {reason}",
    ),
    "compare_bad_date": (
        "日期“{date}”无效（应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM）",
        "invalid date '{date}' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
    ),
    "compare_written": (
        "修订稿：{revision}；修改情况说明：{summary}",
        "revision: {revision}; change summary: {summary}",
    ),
    "into_figure_repointed": (
        "数据“{id}”沿用，原文由“{old}”改为“{new}”",
        "figure '{id}' kept, its quote changed from '{old}' to '{new}'",
    ),
    "into_figure_dropped": (
        "数据“{id}”（“{quote}”）在新稿中找不到，已删除",
        "figure '{id}' ('{quote}') is not in the new draft: dropped",
    ),
    "into_tile_dropped": (
        "要点数据“{id}”所指的数据已不存在，已删除",
        "tile of figure '{id}' dropped: the figure no longer exists",
    ),
    "into_chart_dropped": (
        "图表“{id}”所用的数据 {figures} 已不存在，已删除",
        "chart '{id}' dropped: its figures {figures} no longer exist",
    ),
    "into_meta_changed": (
        "元数据 {key} 取新稿：“{old}” → “{new}”",
        "metadata {key} taken from the new draft: '{old}' → '{new}'",
    ),
    "into_term_dropped": (
        "名词“{term}”新稿中已没有，已删除",
        "glossary term '{term}' is not in the new draft: dropped",
    ),
    "bad_date": (
        "日期无效：“{text}”不存在（应为实有的日期，如 2020-08-20）",
        "invalid date '{text}': no such day (expected a real date, e.g. 2020-08-20)",
    ),
    "number_too_long": (
        "数字过长：{digits} 位（至多 {limit} 位）",
        "number too long: {digits} digits (at most {limit})",
    ),
    "not_finite": (
        "数值无效：“{text}”不是有限的数（应为如 9818.3 的数）",
        "not a finite number: '{text}' (expected a number such as 9818.3)",
    ),
    "text_too_long": ("过长：{length} 个字符（至多 {limit} 个）", "too long: {length} characters (at most {limit})"),
    "value_too_large": ("取值过大（至多为 {limit}）", "value too large (at most {limit})"),
    "value_too_small": ("取值过小（至少为 {limit}）", "value too small (at least {limit})"),
    "merge_key": ("不允许使用合并键“<<”（请直接写出内容）", "merge key '<<' is not allowed (write the content out)"),
    "too_many": ("{what}过多：{count} 个（至多 {limit} 个）", "too many {what_en}: {count} (at most {limit})"),
    "duplicate_tile": (
        "要点数据“{id}”重复（每个数据只列一次）",
        "figure '{id}' is listed twice in tiles (list each once)",
    ),
    "term_no_word": (
        "名词“{term}”只有标点（应为词语，如“六稳”）",
        "term '{term}' is only punctuation (expected a word, e.g. 六稳)",
    ),
}

TYPE_NAMES: dict[str, tuple[str, str]] = {
    "string": ("文本", "text"),
    "int": ("整数", "an integer"),
    "decimal": ("数字", "a number"),
    "float": ("数字", "a number"),
    "bool": ("true 或 false", "true or false"),
    "list": ("列表（- 项）", "a list (- item)"),
    "dict": ("映射（键: 值）", "a mapping (key: value)"),
    "model": ("映射（键: 值）", "a mapping (key: value)"),
    "date": ("日期（如 2020-08-20）", "a date (e.g. 2020-08-20)"),
}


def message(name: str, lang: str = "zh", /, **fields: object) -> str:
    """The message ``name`` in ``lang`` ("zh" or "en"), with ``fields`` filled in."""
    zh, en = MESSAGES[name]
    return (en if lang == "en" else zh).format(**fields)


def type_name(kind: str, lang: str = "zh") -> str:
    """A type's name for users: 'string' → 文本 / text."""
    zh, en = TYPE_NAMES.get(kind, (kind, kind))
    return en if lang == "en" else zh
