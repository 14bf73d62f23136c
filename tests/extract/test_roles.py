"""Running headers, page numbers and footnotes are recognised by repetition, position and size."""
from extract.roles import assign_roles
from extract.records import Box, Line

HEIGHT = 842.0


def line(page, top, text, size=9.5, font="Body"):
    return Line(Box(page, 45.0, top, 500.0, top + size), text, size, False, font)


def test_headers_footers_and_footnotes_are_dropped_body_kept():
    lines = []
    for page in range(1, 6):
        lines += [
            line(page, 40, f"სამუშაო გეგმა 2031 – 2032 · ნაწილი {page}", 8.5),  # running header with a changing number
            line(page, 300, f"ტექსტი გვერდზე {page}"),
            line(page, 760, f"https://example.org/{'abcde'[page - 1]}%7Cb", 7.5),  # footnote in small print
            line(page, 800, str(page), 8.5),  # page number
        ]
    lines.append(line(3, 64, "გეგმა", 9.5))  # body text in the top band, a word of the header, one line lower
    lines.append(line(4, 40, "სამუშაო გეგმა 2031 – 2032", 8.5))  # the header split into pieces by OCR…
    lines.append(line(4, 40.5, "ნაწილი", 8.5))  # …each printed where the header is
    roles = assign_roles(tuple(lines), tuple((595.0, HEIGHT) for _ in range(5)))
    assert sorted(l.text for l in roles.body) == sorted([f"ტექსტი გვერდზე {p}" for p in range(1, 6)] + ["გეგმა"])
    assert set(roles.body_sizes.values()) == {9.5}
    assert {l.role for l in roles.set_aside} == {"running_header", "footnote", "page_number"}


def test_ocr_lines_lose_only_url_footnotes():
    ocr = [line(1, 300, "ტექსტი", 8.0, "ocr"), line(1, 320, "მოკლე", 6.5, "ocr"), line(1, 760, "www.example.org/x", 6.0, "ocr")]
    roles = assign_roles(tuple(ocr), ((595.0, HEIGHT),))
    assert [l.text for l in roles.body] == ["ტექსტი", "მოკლე"]
