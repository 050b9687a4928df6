#!/usr/bin/env python3
"""bench/gen-import.py N [SEED [PREFIX]]: N cases as complaints import reads them
(CSV with a header, on standard output), for bench/import-vs-sqlite.sh.

A mix like a council's year or three: every one of the five policies;
complaints, comments, compliments and service requests; most complaints
acknowledged and answered in time and closed, some escalated to stage 2
(answered by another officer, as four of the policies require), some still
open. Dates run over 2024-2026 and every action follows the one before it
by a few days, so every row is accepted by the policies' rules. Each row
has a unique external_ref (PREFIX-NNNNNNNN; PREFIX defaults to GEN), so a
second import of the file adds nothing.
"""
import csv
import datetime as dt
import random
import sys

POLICIES = ["psps", "south-staffordshire", "corporate-procedure",
            "southampton", "buckinghamshire"]
SERVICES = ["Waste", "Housing", "Planning", "Parking", "Council Tax",
            "Parks", "Highways", "Environmental Health"]
CHANNELS = ["email", "phone", "letter", "web", "in-person", "social"]
COLUMNS = ["external_ref", "policy", "kind", "complainant", "channel",
           "service", "summary", "received", "officer", "acknowledged",
           "responded", "outcome", "escalated", "escalation_reason",
           "stage2_officer", "stage2_acknowledged", "stage2_responded",
           "stage2_outcome", "closed", "close_reason"]
START = dt.date(2024, 1, 2)


def weekday_after(d, lo, hi, rnd):
    d = d + dt.timedelta(days=rnd.randint(lo, hi))
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def main():
    n = int(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    prefix = sys.argv[3] if len(sys.argv) > 3 else "GEN"
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(COLUMNS)
    for i in range(n):
        row = dict.fromkeys(COLUMNS, "")
        pol = POLICIES[i % 5]
        received = weekday_after(START, 0, 1000, rnd)
        row.update(external_ref="%s-%08d" % (prefix, i), policy=pol,
                   complainant="Resident %d" % rnd.randint(1, n),
                   channel=rnd.choice(CHANNELS),
                   service=rnd.choice(SERVICES),
                   summary="Generated case %d" % i,
                   received=str(received), officer="officer%d" % (i % 7))
        k = rnd.random()
        row["kind"] = ("complaint" if k < 0.8 else "comment" if k < 0.88
                       else "compliment" if k < 0.95 else "service-request")
        if row["kind"] == "complaint":
            r = rnd.random()
            if r < 0.9:
                ack = weekday_after(received, 1, 2, rnd)
                row["acknowledged"] = str(ack)
                if r < 0.8:
                    resp = weekday_after(ack, 1, 8, rnd)
                    row["responded"] = str(resp)
                    row["outcome"] = rnd.choice(
                        ["upheld", "partly-upheld", "not-upheld"])
                    if r < 0.15:
                        # within every policy's request window
                        esc = weekday_after(resp, 1, 10, rnd)
                        row.update(escalated=str(esc),
                                   escalation_reason="Still not resolved",
                                   stage2_officer="reviewer%d" % (i % 3))
                        a2 = weekday_after(esc, 1, 1, rnd)
                        r2 = weekday_after(a2, 2, 15, rnd)
                        row.update(stage2_acknowledged=str(a2),
                                   stage2_responded=str(r2),
                                   stage2_outcome="not-upheld",
                                   closed=str(weekday_after(r2, 1, 3, rnd)),
                                   close_reason="resolved")
                    elif r < 0.7:
                        row.update(closed=str(weekday_after(resp, 1, 5, rnd)),
                                   close_reason="resolved")
        elif rnd.random() < 0.8:
            row.update(closed=str(weekday_after(received, 1, 5, rnd)),
                       close_reason="no-further-action")
        w.writerow([row[c] for c in COLUMNS])


main()
