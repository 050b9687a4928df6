#!/usr/bin/env python3
"""report-html.py: checks of the annual report's HTML page (t4300).

  report-html.py png SHOT.png
      Decode the PNG (8-bit RGB or RGBA, no interlace: what Chromium
      writes) with zlib alone, and print "WIDTH HEIGHT COLOURS INK", one
      line "#rrggbb N" for each of the report's chart colours, then one
      line "red-green #rrggbb N" for each red and green no chart may use:
      COLOURS the distinct colours, INK the share of pixels that are not
      white, in thousandths.
  report-html.py match PAGE.html ANNUAL.csv
      Every value the body of the page shows of a figure (an element
      whose data-col, or whose table's data-cols, names the CSV column,
      and whose data-section, data-group and data-figure, or those of an
      element around it, name the CSV row) is the CSV's, as its text or
      its data-value ("-" or an en dash for an empty one); the appendix
      (the table id="figures") has every row of the CSV but the learning,
      once, in the CSV's order, with its six values; the cases that missed
      each measure of the self-assessment (<tbody data-missed=FIGURE>, a
      reference a row) are those of the CSV's detail, in order; and the
      text of each remedy and learning row of the CSV is in the page.
      Print how many values were checked in the body, the rows of the
      appendix, and how many CSV rows each section had shown in the body;
      exit 1 on any mismatch.
  report-html.py headings PAGE.html
      The text of each h1, h2 and h3 of the page, a line each.
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

# The charts' colours (the Okabe-Ito palette: blue, sky blue, orange) and
# the year before's grey.
CHART_COLOURS = ["#0072b2", "#56b4e9", "#e69f00", "#a0a0a0"]
# Red and green: no chart uses them (an outcome is not "bad").
RED_GREEN = ["#d4351c", "#00703c", "#ff0000", "#00ff00", "#008000"]


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
    for c in RED_GREEN:
        print("red-green", c, counts.get(bytes.fromhex(c[1:]), 0))


# Elements HTML closes by itself: a <td> or <th> at the next cell or row,
# a <tr> at the next row or the end of its table's body.
VOID = {"br", "meta", "img", "hr", "input", "link", "col", "wbr"}
CLOSED_BY = {"td": {"td", "th", "tr", "tbody", "thead", "table"},
             "th": {"td", "th", "tr", "tbody", "thead", "table"},
             "tr": {"tr", "tbody", "thead", "table"}}


class Page(html.parser.HTMLParser):
    """What the page shows of the report's figures.

    cells: ((section, group, figure, col), text) of every value the body
    shows, its row and column named by the data-* attributes of the element
    or of those around it (data-cols on a table: its rows' <td>s in order,
    "-" for none); appendix: ((section, group, figure), [6 values]) of each
    row of the table of every figure; missed: {figure: [refs]} of the cases
    that missed a measure; headings: the text of each h1, h2 and h3; body:
    all the text.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.cells, self.appendix, self.missed = [], [], {}
        self.headings, self.body = [], []
        self.in_appendix = False
        self.app_group = None

    def attr(self, name, own=None):
        if own is not None and name in own:
            return own[name]
        for e in reversed(self.stack):
            if name in e["attrs"]:
                return e["attrs"][name]
        return None

    def close(self, tag):
        while self.stack:
            e = self.stack.pop()
            self.finish(e)
            if e["tag"] == tag:
                return

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        while self.stack and tag in CLOSED_BY.get(self.stack[-1]["tag"], ()):
            self.close(self.stack[-1]["tag"])
        if tag == "table" and a.get("id") == "figures":
            self.in_appendix = True
        e = {"tag": tag, "attrs": a, "text": None, "tds": 0, "cells": [],
             "col": a.get("data-col"), "missed": None}
        parent = self.stack[-1] if self.stack else None
        if tag == "td" and parent is not None and parent["tag"] == "tr":
            parent["tds"] += 1
            cols = self.attr("data-cols")
            if (e["col"] is None and cols is not None and not
                    self.in_appendix and self.attr("data-figure", a)):
                names = cols.split()
                i = parent["tds"] - 1
                e["col"] = names[i] if i < len(names) and \
                    names[i] != "-" else None
            if self.in_appendix:
                e["text"] = []
            missed = self.attr("data-missed")
            if missed is not None and parent["tds"] == 1:
                e["missed"] = missed
                e["text"] = []
        if e["col"] is not None:
            if "data-value" in a:
                self.record(a, e["col"], a["data-value"])
                e["col"] = None
            else:
                e["text"] = []
        if tag in ("h1", "h2", "h3"):
            e["text"] = []
        if tag == "tbody" and "data-missed" in a:
            self.missed.setdefault(a["data-missed"], [])
        if self.in_appendix and tag == "tr" and "data-section" in a:
            self.app_group = (a["data-section"], a.get("data-group", ""))
        if tag not in VOID:
            self.stack.append(e)

    def record(self, own, col, text):
        key = tuple(self.attr("data-" + k, own)
                    for k in ("section", "group", "figure"))
        if None in key:
            print("# the value %r (column %s) names no figure" % (text, col))
            key = ("?", "?", "?")
        self.cells.append((key + (col,), text.strip()))

    def finish(self, e):
        text = "".join(e["text"]) if e["text"] is not None else None
        if e["tag"] in ("h1", "h2", "h3"):
            self.headings.append(" ".join(text.split()))
        if e["col"] is not None:
            self.record(e["attrs"], e["col"], text)
        if e["missed"] is not None:
            self.missed[e["missed"]].append(text.strip())
        if self.in_appendix and e["tag"] == "td" and self.stack and \
                self.stack[-1]["tag"] == "tr":
            self.stack[-1]["cells"].append(text.strip())
        if self.in_appendix and e["tag"] == "tr" and e["cells"]:
            self.appendix.append((self.app_group + (e["cells"][0],),
                                  e["cells"][1:]))

    def handle_endtag(self, tag):
        if any(e["tag"] == tag for e in self.stack):
            self.close(tag)
        if tag == "table":
            self.in_appendix = False

    def handle_data(self, data):
        self.body.append(data)
        for e in self.stack:
            if e["text"] is not None:
                e["text"].append(data)


COLS = {"value": 3, "of": 4, "percent": 5, "previous_value": 6,
        "previous_of": 7, "previous_percent": 8, "detail": 10}


def read_csv(annual):
    with open(annual) as f:
        rd = csv.reader(f)
        next(rd)
        rows, order, learning = {}, [], []
        for r in rd:
            # The learning and the ombudsman's decisions: text rows, not
            # figures.
            if r[0] in ("learning", "ombudsman-decision"):
                learning.append(r[10])
            else:
                rows[(r[0], r[1], r[2])] = r
                order.append((r[0], r[1], r[2]))
    return rows, order, learning


def parse(page):
    p = Page()
    with open(page, encoding="utf-8") as f:
        p.feed(f.read())
    p.close("html")
    return p


def match(page, annual):
    rows, order, learning = read_csv(annual)
    p = parse(page)
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
    # The appendix: every row of the CSV, once, in its order.
    got = [key for key, _ in p.appendix]
    if got != order:
        missing = [k for k in order if k not in set(got)]
        extra = [k for k in got if k not in rows]
        print("# the appendix has %d rows, the CSV %d; missing %s; extra %s"
              % (len(got), len(order), missing[:5], extra[:5]))
        bad += 1
    for key, values in p.appendix:
        r = rows.get(key)
        if r is not None and values != r[3:9]:
            print("# appendix %s: page %s, CSV %s" % ("/".join(key), values,
                                                     r[3:9]))
            bad += 1
    # The cases that missed each measure: the CSV's detail.
    for key in order:
        if key[0] != "self-assessment":
            continue
        want = rows[key][10].split()
        if p.missed.get(key[2], []) != want:
            print("# cases that missed %s: page %s, CSV %s" %
                  (key[2], p.missed.get(key[2], []), want))
            bad += 1
    body = "".join(p.body)
    for text in learning:
        if text not in body:
            print("# learning %r not in the page" % text)
            bad += 1
    print(len(p.cells), len(p.appendix), " ".join(
        "%s=%d" % (s, len(v)) for s, v in sorted(shown.items())))
    return 1 if bad else 0


def headings(page):
    for h in parse(page).headings:
        print(h)
    return 0


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
    if len(argv) == 2 and argv[0] == "headings":
        return headings(argv[1])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
