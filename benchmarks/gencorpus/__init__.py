"""A generalisation corpus: mail the public sample never shows, with its expected register.

    .venv/bin/python -m benchmarks.gencorpus OUT_DIR --split dev|heldout --count N [--seed S]

OUT_DIR gets the sample's layout — `mail/NNNN.eml` (arrival order), `manifest.json`
(per message: INTERNALDATE with +08:00, client, scenario, format, layout, quirks, truth
ids; plus deadlines, variants, receipts, history and counts), `receipts.xlsx` (the paper
ledger as people type it: text dates, abbreviated and （盖章） unit names, joint units
listed `A、B、C`, receipts with no email), `history.xlsx` (projects funded in 2022/2023,
some repeated by this year's applications), `rules.json` and `truth.jsonl` (one expected
register row per application and per paper-only receipt, in the contract's keys, with
`tolerated` codes, `unscored` keys and `tags` for breakdowns) — so one scorer serves both.

Splits: email i of a corpus draws from `random.Random(base + seed*100_000 + i)` with
base 1,000,000 for dev and 100,000,000 for heldout (seed < 500), so the two never share a
seed. The held-out split also draws formats, scenarios and checkbox encodings with other
odds, and, while a set is held out, variants dev never shows (`holdout_only` in the held-out
manifest; dev's manifest does not name them). Tune on dev only; score heldout when a piece of
work is finished. Held-out variants whose failures have been seen move to dev (as cb_matrix,
two_tables, ●/○, 大写/小写 and 2024年3月-12月 did, then those of holdout_variants.py,
holdout_variants_3.py, holdout_variants_4.py and holdout_variants_5.py) and new ones take their
place. The sixth set (holdout_variants_6.py: the basic part in a table with every rule
removed, each field's caption and value in one box, a one-row 一览表 on a landscape page, the
basic table pasted as a screenshot, 带圈字符 (an EQ field) for the chosen box, boxes typed as
口, the chosen option circled with a drawn ellipse, a drop-down list content control,
人民币捌万圆整, 八万元, 202405-202412, a period followed by 共N个月, the template's grey
prompts left before the values, a project name broken with Shift+Enter, zero-width and
no-break spaces pasted with names, a project name's digits full-width) moved to dev after its
run of 2026-12-05. The seventh set (holdout_variants_7.py, written blind: group labels written
top to bottom in merged cells, a converter's page of frames, Word 2003 text form fields, a
申报系统 printout with starred labels, a √ in a text box over the □, boxes as pictures, the
choice written below an unticked list, a pen's √ on the printout, 金额单位：万元 above the
table, 80，000元, 自2024年5月起，为期8个月, 24年5月—24年12月, a watermark, 批注 left in,
+86 before mobiles, a page scanned upside down or a photo on its side) moved to dev after its
run of 2026-12-05 too. The eighth set (holdout_variants_8.py, written blind: the basic part in
two newspaper columns, label⇥value lines with dot leaders, a grid of text boxes, mobiles and
the postcode one digit to a cell, a □ on a black ground, boxes as a list's bullets, Wingdings 2
boxes seen without the font (R and £), the chosen option in a character border, 8.0000万元,
7万5千元整, 2024年5-12月, 2024年5月至年底, the e-mail with the contact's name before it, names
set 分散对齐, values left as mail-merge fields, the template's examples left as hidden text)
moved to dev after its run of 2026-12-05 too. The ninth set (holdout_variants_9.py, written
blind: the basic part as a letter's running prose, fields as numbered headings with their values
below, long values continued in the next row under a merged label, values on underlined lines
with their captions in brackets below, √ in the chosen option's brackets and × in the others',
the chosen option in emphasis dots, Word 2003 drop-down form fields, the options not chosen
hidden, RMB 80,000.00, 80 000元, 2024年5月启动，12月底前完成, a schedule of phases, line
numbers in the margin, a recommendation letter before the form, sub-labels typed into the
value cells, a scanned stack or photos last page first) moved to dev after its run of
2026-12-05 too. The tenth set (holdout_variants_10.py, written blind: the people in a 附表 at
the end of the form, the basic table floating with the template's notes beside it, the basic
table as an embedded Excel worksheet, the people's name, post and phone stacked in one cell,
check box controls with Wingdings 2 symbols, the options not chosen deleted with track changes
on, a √ from the Symbol font, a heavy ✔, ￥8.00万元, two payments and their total, 2024.5-12,
2024年度（5月—12月）, values typed over the template's placeholders with track changes on,
footnotes after the project name and the amount, the template's 填写示例 page left in, the
leader's name and mobile in floating text boxes, a mail forwarded as an attachment, files under
the names programs gave them) moved to dev after its run of 2026-12-06. The eleventh set
(holdout_variants_11.py, written blind: the leader and the contact as two columns of one grid,
the basic table as a PDF-to-Word converter leaves it with labels cut over two cells, paragraphs
ruled to look like a table, the table pasted row by row, boxes after their options, Forms 2.0
check box controls, a tick drawn with the freeform tool, a √ typed as an equation,
捌万元零角零分, 80,000.00 under 申请经费（元）, periods by 旬 and by quarters, names with a 间隔号,
office phones with an extension, the e-mail's @ written out, 无 or / for empty fields, the Word
file sent with the scan of its stamped printout, a .docx named .doc and a Word 97 file named
.docx) moved to dev after its run of 2026-12-06 too. The twelfth set (holdout_variants_12.py,
written blind: the basic part as a grid drawn with box-drawing characters in a fixed-width font,
a basic table without any person (the leader and the contact named in the sign-off lines at the
foot), the template only as a scan behind values typed in frames, the leader's and the contact's
cards side by side, a picture of a red tick over the chosen □, the options that do not apply
deleted, ☑️ or ✔️ from a phone's emoji keyboard, 2024年度8万元, 详见经费预算表, 20240501-20241231,
dates with their weekdays, a contact who is the leader written 同负责人, names squeezed into their
cells, last round's amount struck through, the leader's post before the name, a 申报系统's HTML
export under a .doc name, phone photos pasted into the mail's body) moved to dev after its run of
2026-12-06 too. The thirteenth set (holdout_variants_13.py, written blind: the basic table read
across in bands under two tiers of headers, the template's page frame with the basic table nested
in its cell, the basic table in a text box placed as a character, label and value boxes combined
into one group shape, the table pasted from an Excel sheet keeping its formatting, a 申报系统's
own PDF with the template drawn before the values, þ and ¨ in the Wingdings font, 【√】, ▣ for
the chosen option, 是 in the chosen option's brackets, 80,000.00元 under 申请经费（万元）, 万元 with
its 大写 in brackets, 8,0000元, 当年/同年/次年 for the end's year, 2024/05-2024/12, days written
号, the contact's phone followed by its hours, the unit's English name, the e-mail typed
full-width, invisible characters between a mobile's digit groups, the leader's name with its
pinyin or with slashed titles, a mail forwarded inline by someone else, the form pasted into the
mail's body, a unit's two applications in one file, the form attached twice) moved to dev after
its run of 2026-12-06 too. The fourteenth set (holdout_variants_14.py, written blind: last year's
template with its labels as they were, the basic table with the cells at its rows' ends deleted,
the whole form one long table whose heading row repeats on every page, the form laid out in an
Excel workbook and printed from the spreadsheet, the people as a grid under a 斜线表头, the basic
table converted to text a cell to a paragraph, Wingdings 2 boxes inserted as symbols, ✅ from a
phone's emoji keyboard, ◉/○ radio buttons, the chosen options circled by pen on the printout,
8万元人民币, 人民币捌萬元整, 8万元（不含自筹）, 2024年5月份至12月份, 5月—12月 with no year, the period
in full-width digits, the unit's short name after it, the e-mail's dots typed 。, the leader's
name and mobile typed into their label cells, the project's English name, a full stop after the
values, Word 2003 smart tags, a .docx holding only the scans of the stamped printout, a mail
forwarded inline twice, an archive inside an archive, a reply to the association's notice, raw
GBK bytes in the headers, two pages printed to a sheet, a PDF whose fonts lost their ToUnicode
maps, scans faint and skewed or in black and white, a phone photo at a slant) moved to dev after
its run of 2026-12-06 too. The fifteenth set (holdout_variants_15.py, written blind: a file a
tool assembled whose body is one w:altChunk, a cover calling the project and the unit by shorter
names than the basic table, a label | value grid whose unit, leader and contact cells are merged
down over two rows, a template of sentences with bracketed blanks, the form as a one-row 信息采集表
sent as the .xlsx, the basic table inside a rich-text content control, check box controls ticked
by typing ☑ over their ☐, the chosen option given Word's 字符底纹, underlined by pen or its □
inked solid on the printout, 人民币捌万元正, 8（捌）万元, the item's ceiling after the amount, the
period typed into the template's blanks, 5月初至12月末, 一 typed for the dash, values in blue or
red 楷体, the unit's former name, the item before the project's name, the leader's sex after the
name, a colon at the start of value cells, values centred with full-width spaces, RTF or Word
2003 XML under a .doc name, a searchable PDF with the copier's OCR, a multi-page TIFF, a fax, a
phone scanner app's PDF, one long phone screenshot, a file under the unit's name alone, an archive
locked with a password given in the mail, the fields typed into the body with only the signed
page attached, Outlook's winmail.dat, a cloud drive's link in place of the form) moved to dev
after its run of 2026-12-06 too. The sixteenth set (holdout_variants_16.py, written blind: a
cover whose fill-ins are the only place the project, the unit, the leader and the leader's mobile
are written, the basic table saying 同封面 in their cells, the guide's 形式审查自查表 filled in before
the basic table, an online 信息收集表's answers exported as a document, a 6-column grid whose
amount's unit and the landline's area code have cells of their own, a table cut into bands by
section rows, the options not chosen greyed out, the template's prompt （请在□内打“√”） kept before
each option list, a pen's tick after the chosen option's words on the printout, the amount as the
sum of the budget's lines or with its share of the project's total, the period's two ends in two
styles or its length first, 同志 after the leader's name, the unit's office in brackets after it,
mobiles grouped with dots, a backup e-mail, the project's name in quotation marks, an empty line
typed before the project and the unit in their cells, the Word file and its PDF in one mail, Word's
single-file web page under a .doc name, a zip made on a Mac, the form's PDF in the archive, Apple
Mail's inline files, a body in HTML only, a file whose name lost its extension) moved to dev after
its one held-out run (2026-12-06, at 67f1d0d). The seventeenth set (holdout_variants_17.py, written
blind: the basic part as Word's multi-level list, a short table whose people and money rows join
their labels and values with slashes, the template's grey 注 rows kept under their fields, the
basic part as running paragraphs of labelled values, the template's text copied out of its PDF and
pasted as plain text, the options as a grid of box cells, ✓ for the chosen box, the options that do
not apply struck through by pen on the printout, the amount with the guide's per-item unit after
it or in 元 under 金额单位：元 above the table, the period month first or with 到, the template's
note left after a value, the leader's workplace after the name, the project's short name after it,
a picture of the leader's signature, the leader's post on the next line, the contact's office
before the name, OFD in place of the PDF, a RAR5 archive, a Word template or a macro-enabled
document, the pages exported as PNG pictures, Word's owner file packed with the form, a phone's
share menu, a signature holding the unit's logo) moved to dev after its one held-out run
(2026-12-06, at ba3cf44). The eighteenth set (holdout_variants_18.py, written blind: the basic
part pasted as an AI chat assistant's Markdown pipe table, copied out of Excel as tab-separated
text, a grid with thin blank cells before each value, two tables side by side in a borderless
layout table, WeChat-style 【label】value lines, the options numbered ①②… with the chosen number
after the list, Markdown's [x]/[ ], ◆/◇, the amount in 千元 or in 万元 with its 元 in brackets, the
period with dotted two-digit years or the doubled dash ——, 老师 after the contact's name, the
project's name marked （暂定名）, values left in the template's 【】, a hedge after the period or the
amount, mailto: before the e-mail, a .tar.gz, 7-Zip volumes, a 7z under a .zip name, phone photos
as WebP, an extension twice or upper-case, encoded-words cut inside a character) moved to dev
after its one held-out run (2026-12-07, at 0e43d2d). The nineteenth set (holdout_variants_19.py,
written blind: the basic part printed from a 钉钉/企业微信 approval, labels in traditional characters
after a 简转繁, the fields pasted from a WeChat chat record, rows pairing two fields stacked line for
line, a government OA's 发文稿纸 before the basic table, ★/☆, ☞ for the chosen option's □, ⊠, the
amount in 萬元 or as 8w, date-time stamps for the period or its months in Chinese numerals, the unit
in traditional characters or with its address after it, the leader's ethnicity after the name, the
contact's mobile with the group's short number, the e-mail's first letter capitalised, the project
in 「」, a .docx saved as Strict Open XML, a PDF restricted by an owner password or e-sealed in an
incremental update, a scan with blank backs, a zip of BZip2 or LZMA members, base64 on one line)
moved to dev after its one held-out run (2026-12-07, at 9e158a2). The twentieth set
(holdout_variants_20.py, written blind: a personnel-style grid with the leader's empty photo box,
the basic part copied from an online 申报系统's page, the guide's 填写说明 on a second line of each
label cell, the association's own blank fields around the table, a Chinese | English | value
table, ◎/○, （已选） after the chosen option, V in place of the chosen □, the amount in 大写 without
元 or as 80k, the period in English month names or as dotted days with the end's year left out,
@ before the contact, （筹） after the unit, the leader's birth month after the name, the leader's
office landline after the mobile, the guide's item code after the project's name, the e-mail
broken after its @, a .docx with editing restricted, a PDF of page pictures only, a zip streamed
with data descriptors, a file name cut short, the recipient's gateway marking the subject and the
body) moved to dev after its one held-out run (2026-12-07, at 25d4d81). A twenty-first set, written
blind, is held out: holdout_variants_21.py (the held-out manifest names its variants and counts the
mails that show one; its ways of sending a file are decorations too). So is a twenty-second set,
written blind too: holdout_variants_22.py (drawn after the twenty-first's, each of its variants in
the place of a draw the held-out plan made before it; the manifest's count is of the mails that show
a variant of either set). And a twenty-third set, written blind too: holdout_variants_23.py (drawn
after the twenty-second's, each of its variants in the place of a draw neither earlier held-out set
made; the manifest's count is of the mails that show a variant of any held-out set). And a
twenty-fourth set, written blind too: holdout_variants_24.py (drawn after the twenty-third's, each of
its variants in the place of a draw no earlier held-out set made, by a hash of the application's own
key and of the draw's number, so no earlier set's draw moves). And a twenty-fifth set, written blind
too: holdout_variants_25.py (drawn after the twenty-fourth's, each of its variants in the place of a
draw no earlier held-out set made, by a hash of the application's own key and of the draw's number
salted apart from the twenty-fourth set's, so no earlier set's draw moves).

What varies on both splits: 16 form layouts (forms.LAYOUTS: header row over value row, alternating
label/value columns, numbered paragraphs, key：value lines, cover page + table, spaced
labels, vertically merged groups, a people table, split date cells, inline cells,
vertical, a checkbox matrix, two tables with footnotes, a 序号 list, a table continued
over a page break, a people table nested in a cell), 13 checkbox encodings (☑ ■ √
（√） [V] Wingdings w:sym, w14 content controls, bold or underlined choice, text only,
●, a √ after the choice, Wingdings 2 letters), 13 ways of writing the amount, 9 of the
period, posts and titles after names, （盖章） after units, grouped phones, full-width ＠;
12 formats (build.FORMATS: .docx, LibreOffice PDF, scans, phone photos, .doc,
.wps, zip UTF-8/CP936, .7z, encrypted .docx/PDF with the password in the body, encrypted
without one); the mail clients of shenbao.demo.mail; scenarios: clean, joint with and
without roles, two forms in one mail, corrected resends, questions, auto-replies, designated
items, and one injected problem per form (late, ineligible, designated item taken by
another unit, funding out of range, late end date, missing approval or city review,
missing field, repeat funded).

Truth comes from what the generator put in the form and from config/guide-2024.toml
(rules.py), never from the pipeline's code. Values are what a careful clerk transcribes:
names without posts, units without （盖章）, funding in 万元, dates as precise as the form.
Forms are rendered by python-docx; PDFs and .doc by one soffice call per batch (private
profile); scans/photos by pypdfium2 + Pillow. Plans and truth are deterministic per seed;
LibreOffice stamps times into its PDFs, so their bytes (and sha256 in truth) differ
between runs while staying consistent within one.
"""
