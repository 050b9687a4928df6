#!/usr/bin/env python3
"""report-html.py: checks of the annual report's HTML page (t4300).

  report-html.py png SHOT.png
      Decode the PNG (8-bit RGB or RGBA, no interlace: what Chromium
      writes) with zlib alone, and print "WIDTH HEIGHT COLOURS INK" and one
      line "#rrggbb N" for each of the report's chart colours: COLOURS the
      distinct colours, INK the share of pixels that are not white, in
      thousandths.
  report-html.py match PAGE.html ANNUAL.csv
      Every element of the page with data-section/data-group/data-figure/
      data-col shows (as its text, or its data-value) the CSV's value in that
      row and column ("-" or an en dash for an empty one); print how many were
      checked and how many CSV rows each section had shown; exit 1 on any
      mismatch. Also: the text of each remedy and learning row of the CSV is
      in the page.
  report-html.py self-contained PAGE.html
      Nothing is loaded from elsewhere: no script, link, img, iframe,
      object, embed or @import, no url(...), and no http(s) address but the
      SVG namespace.
"""
import csv
import html.parser
import re
import struct
import sys
import zlib

CHART_COLOURS = ["#1d70b8", "#00703c", "#f47738", "#d4351c", "#b1b4b6"]


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("%s: not a PNG" % path)
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB",
                                                                body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit("%s: unexpected PNG (depth %d, colour type %d)" %
                 (path, depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def png(path):
    w, h, bpp, rows = read_png(path)
    counts = {}
    for line in rows:
        for x in range(0, len(line), bpp):
            px = line[x:x + 3]
            counts[px] = counts.get(px, 0) + 1
    white = counts.get(b"\xff\xff\xff", 0)
    print(w, h, len(counts), (w * h - white) * 1000 // (w * h))
    for c in CHART_COLOURS:
        print(c, counts.get(bytes.fromhex(c[1:]), 0))


class Cells(html.parser.HTMLParser):
    """(section, group, figure, col) -> shown text, of every data element."""

    def __init__(self):
        super().__init__()
        self.cells, self.open, self.text = [], None, []
        self.body = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-figure" in a:
            key = (a["data-section"], a["data-group"], a["data-figure"],
                   a["data-col"])
            if "data-value" in a:
                self.cells.append((key, a["data-value"]))
            else:
                self.open, self.text = key, []

    def handle_endtag(self, tag):
        if self.open is not None and tag == "td":
            self.cells.append((self.open, "".join(self.text).strip()))
            self.open = None

    def handle_data(self, data):
        self.body.append(data)
        if self.open is not None:
            self.text.append(data)


COLS = {"value": 3, "of": 4, "percent": 5, "previous_value": 6,
        "previous_of": 7, "previous_percent": 8, "detail": 10}


def match(page, annual):
    with open(annual) as f:
        rd = csv.reader(f)
        next(rd)
        rows, learning = {}, []
        for r in rd:
            if r[0] == "learning":
                learning.append(r[10])
            else:
                rows[(r[0], r[1], r[2])] = r
    p = Cells()
    with open(page, encoding="utf-8") as f:
        p.feed(f.read())
    bad, shown = 0, {}
    for (section, group, figure, col), text in p.cells:
        r = rows.get((section, group, figure))
        if r is None:
            print("# page shows %s/%s/%s, not in the CSV" %
                  (section, group, figure))
            bad += 1
            continue
        want = r[COLS[col]]
        got = "" if text in ("\u2013", "-") else text
        if got != want:
            print("# %s/%s/%s %s: page %r, CSV %r" % (section, group, figure,
                                                     col, got, want))
            bad += 1
        shown.setdefault(section, set()).add((group, figure))
    body = "".join(p.body)
    for text in learning:
        if text not in body:
            print("# learning %r not in the page" % text)
            bad += 1
    print(len(p.cells), " ".join("%s=%d" % (s, len(v))
                                 for s, v in sorted(shown.items())))
    return 1 if bad else 0


def self_contained(page):
    with open(page, encoding="utf-8") as f:
        text = f.read()
    bad = 0
    for pat in (r"<script", r"<link", r"<img", r"<iframe", r"<object",
                r"<embed", r"@import", r"url\("):
        if re.search(pat, text, re.I):
            print("# the page has %s" % pat)
            bad += 1
    for addr in set(re.findall(r"https?://[^\s\"'<>)]+", text)):
        if addr != "http://www.w3.org/2000/svg":
            print("# the page names %s" % addr)
            bad += 1
    return 1 if bad else 0


def main(argv):
    if len(argv) == 2 and argv[0] == "png":
        png(argv[1])
        return 0
    if len(argv) == 3 and argv[0] == "match":
        return match(argv[1], argv[2])
    if len(argv) == 2 and argv[0] == "self-contained":
        return self_contained(argv[1])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
