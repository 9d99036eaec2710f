"""Leaked debug output: var_dump, print_r, JSON blobs -> related items."""

from frontwire.ingest.debris import find_dumps, media_type

VAR_DUMP = '''Body sentence one.

array(2) {
  [0]=>
  array(3) {
    ["id"]=>
    string(3) "101"
    ["title"]=>
    string(24) "Clashes in \\"north\\" Yemen"
    ["url"]=>
    string(34) "/2017/04/05/clashes-in-yemen.html"
  }
  [1]=>
  array(3) {
    ["id"]=>
    int(102)
    ["title"]=>
    string(19) "Shelling in Donetsk"
    ["pic"]=>
    string(23) "/2022/03/01/donetsk.mp4"
  }
}

Body sentence two.'''

PRINT_R = '''Text before.
Array
(
    [0] => Array
        (
            [id] => 55
            [title] => Protest in Khartoum (photos)
            [pic] => /2022/03/02/khartoum.jpg
        )

    [1] => Array
        (
            [id] => 56
            [title] => Airstrike near Marib
            [video] => /uploads/2021/02/12/marib.webm
        )

)
Text after.'''


def _span(text, dump):
    return text[dump.start:dump.end]


def test_var_dump_nested_arrays_become_related():
    dumps = find_dumps(VAR_DUMP)
    assert len(dumps) == 1 and dumps[0].kind == "var_dump"
    assert _span(VAR_DUMP, dumps[0]).startswith("array(2) {") and _span(VAR_DUMP, dumps[0]).endswith("}")
    first, second = dumps[0].related
    assert (first.id, first.title, first.media_type, first.date) == ("101", 'Clashes in \\"north\\" Yemen', "article", "2017-04-05")
    assert (second.id, second.title, second.media_type, second.date) == ("102", "Shelling in Donetsk", "video", "2022-03-01")


def test_var_dump_string_holding_json_counts_utf8_bytes():
    payload = '[{"id":"7","title":"Militants’ positions hit","pic":"/2016/09/25/a.jpg"}]'
    text = f'Body.\n\nstring({len(payload.encode("utf-8"))}) "{payload}"\nAfter.'
    (dump,) = find_dumps(text)
    assert _span(text, dump).endswith(']"') and text[dump.end:] == "\nAfter."
    (item,) = dump.related
    assert (item.id, item.title, item.media_type, item.date) == ("7", "Militants’ positions hit", "image", "2016-09-25")


def test_var_dump_with_wrong_byte_count_still_found():
    text = 'Body.\n\nstring(9999) "[{\\"id\\":1}]"\nAfter.'
    (dump,) = find_dumps(text)
    assert "After" not in _span(text, dump)


def test_print_r_multiline():
    (dump,) = find_dumps(PRINT_R)
    assert dump.kind == "print_r"
    assert _span(PRINT_R, dump).startswith("Array") and PRINT_R[dump.end:].strip() == "Text after."
    titles = [(r.id, r.title, r.media_type, r.date) for r in dump.related]
    assert titles == [("55", "Protest in Khartoum (photos)", "image", "2022-03-02"),
                      ("56", "Airstrike near Marib", "video", "2021-02-12")]


def test_print_r_single_line():
    text = "Tail. Array ( [0] => Array ( [id] => 7 [title] => One line title [url] => /a/b.png ) [1] => x )\nEnd."
    (dump,) = find_dumps(text)
    assert text[dump.end:] == "\nEnd."
    assert [(r.id, r.title, r.media_type) for r in dump.related] == [("7", "One line title", "image")]


def test_json_blob_line_parsed_but_inline_json_left_alone():
    text = ('Para.\n{"items": [{"id": 9, "title": "JSON item", "link": "https://x.example/2020/01/02/a.webm"}]}\n'
            'A sentence mentioning {"a": 1} inline stays.')
    (dump,) = find_dumps(text)
    assert dump.kind == "json"
    assert [(r.id, r.title, r.media_type, r.date) for r in dump.related] == [("9", "JSON item", "video", "2020-01-02")]


def test_json_without_records_is_debris_without_related():
    text = 'Para.\n{"status": "ok", "cache": {"hits": 12, "misses": 3}}\nMore.'
    (dump,) = find_dumps(text)
    assert dump.related == []


def test_truncated_var_dump_is_still_found():
    text = 'Body.\n\narray(3) {\n  [0]=>\n  array(2) {\n    ["id"]=>\n    string(3) "12'
    (dump,) = find_dumps(text)
    assert dump.start == text.index("array(3)") and dump.end == len(text)


def test_media_type_from_extension():
    assert media_type("/x/y.MP4") == "video"
    assert media_type("/x/y.jpeg?w=300") == "image"
    assert media_type("/x/y.mp3") == "audio"
    assert media_type("/x/y") is None
