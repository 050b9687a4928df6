#!/usr/bin/env python3
"""report-oracle.py: a generated set of cases, and the figures `complaints
report` must give for them, worked out here independently of the project's
code.

Nothing here calls the project's C code for an answer: working days come from
the calendar file itself (policies/calendars/england-and-wales.yaml, its
`holidays:` list read line by line); the timescales of each policy are those
its seed sets (seed 000 §6, 001 §5, 002 §7, 003 §4, 004 App A), written out
below, not read from policies/; the rules of each figure are those of
complaints-report(1). The binary is only driven to record the cases.

  report-oracle.py build PLAN.json [N [POLICY,...]]
      Log N cases (default 200) through $COMPLAINTS (log, ack, extend,
      hold, resume, respond, escalate, close, ombudsman, under the officers
      alice, carol, bob and dave) into ./complaints.db, which must have been
      made by
      `complaints init`; write the plan, with each case's reference, to
      PLAN.json. The cases are shared among the POLICY ids given (default:
      the five shipped policies); three-stages is the test fixture
      tests/three-stages/three-stages.yaml, which $COMPLAINTS_POLICIES
      must then hold.
  report-oracle.py overdue PLAN.json [--within N] [--officer X]
                   [--service S] [--policy P] [--actions]
      Print the CSV `report overdue --format csv` must print (with
      --actions, the open outstanding actions past due after the cases).
  report-oracle.py summary PLAN.json FROM TO [BY] ACTUAL.csv
  report-oracle.py annual PLAN.json YEAR ACTUAL.csv [START_MONTH]
      Compare the CSV of `report summary` / `report annual` with the figures
      worked out here: the same rows (no more, no fewer), the same values;
      print each difference and exit 1 if there is any. The annual report's
      year starts in START_MONTH (default 1, January; 4 for a financial
      year, April to March).

Environment: COMPLAINTS (the binary), SRCDIR (the source tree),
COMPLAINTS_TODAY (today, as the binary sees it).
"""
import csv
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys

SRCDIR = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), ".."))
TODAY = dt.date.fromisoformat(os.environ.get("COMPLAINTS_TODAY", "2026-11-20"))
D = dt.date.fromisoformat


# --- working days, from the calendar file itself ---------------------------

def read_holidays():
    path = os.path.join(SRCDIR, "policies", "calendars", "england-and-wales.yaml")
    days = set()
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*-\s*(\d{4}-\d{2}-\d{2})\b", line)
            if m:
                days.add(D(m.group(1)))
    assert len(days) > 100, "calendar: too few holidays read"
    return days


HOLIDAYS = read_holidays()


def working(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def wd_after(d, n):
    """The nth working day after d (d itself never counts)."""
    while n > 0:
        d += dt.timedelta(days=1)
        if working(d):
            n -= 1
    return d


def wd_between(a, b):
    """Working days in (a, b]."""
    n = 0
    while a < b:
        a += dt.timedelta(days=1)
        n += working(a)
    return n


# --- the policies' timescales, from the seeds ------------------------------
# (ack days, respond days, respond counted from 'opened'|'acknowledged'),
# per stage; 0: not set. handler: stage 2 must be someone else.

POLICIES = {
    "south-staffordshire": {"stages": [(5, 10, "opened"), (5, 20, "opened")],
                            "handler": False},
    "psps": {"stages": [(5, 10, "acknowledged"), (5, 20, "acknowledged")],
             "handler": True},
    "corporate-procedure": {"stages": [(2, 10, "opened"), (2, 20, "opened")],
                            "handler": True,
                            # Seed 002 §7: complaints about the same issue
                            # are investigated together, "one report will
                            # be issued in response": a group of linked
                            # complaints counts once.
                            "linked_once": True},
    "southampton": {"stages": [(0, 10, "opened"), (0, 20, "opened")],
                    "handler": True},
    "buckinghamshire": {"stages": [(3, 20, "opened"), (5, 20, "opened")],
                        "handler": True,
                        # Seed 004 App A, Timeliness: 12 weeks from
                        # receipt to resolution.
                        "overall_weeks": 12},
    # The test fixture of three stages (tests/three-stages/), modelled on
    # seed 000: stage 3 like stage 2, answered within 25 working days of
    # its acknowledgement, by someone other than the stage 2 officer.
    "three-stages": {"stages": [(5, 10, "acknowledged"),
                                (5, 20, "acknowledged"),
                                (5, 25, "acknowledged")],
                     "handler": True},
}
SHIPPED = ["south-staffordshire", "psps", "corporate-procedure",
           "southampton", "buckinghamshire"]
CHANNELS = ["email", "phone", "letter", "web", "in-person", "social", "other"]
KINDS = ["complaint", "comment", "compliment", "service-request"]
OUTCOMES = ["upheld", "partly-upheld", "not-upheld"]
DECISIONS = ["upheld", "partly-upheld", "not-upheld", "not-investigated",
             "closed-after-initial-enquiries", "referred-back"]
# The decisions a plan draws from: the LGSCO's "closed after initial
# enquiries" is given instead of not-investigated on every other case
# (by its number, so that the draws, and every plan, stay as they were).
DRAWN = ["upheld", "partly-upheld", "not-upheld", "not-investigated",
         "referred-back"]
SERVICES = ["Waste", "Housing", "Parking", "Planning", None]
# The services each shipped policy sends to the Housing Ombudsman (its
# ombudsman's matters), for the annual report's housing measures.
HOUSING = {
    "southampton": ["housing", "local authority housing", "council housing",
                    "housing repairs", "tenancy"],
    "corporate-procedure": ["housing", "housing repairs",
                            "council property repairs"],
    "complaint-handling-code": ["housing", "housing repairs",
                                "council housing", "tenancy",
                                "tenancy management", "housing management",
                                "anti-social behaviour"],
}


def same_matter(service, matters):
    """A service is a matter in any case of letters, whatever the runs of
    spaces, hyphens and underscores."""
    def norm(v):
        return " ".join(re.split(r"[\s_-]+", v.strip(" _-").lower()))
    return norm(service) in {norm(m) for m in matters}

# Received on and around these: the bank holidays of 2025-2026, weekends.
ANCHORS = ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
           "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
           "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
           "2026-05-25", "2026-08-31", "2026-10-30", "2026-11-09",
           "2026-11-16"]


# --- building the cases ------------------------------------------------------

def run(officer, *args, stdin=""):
    env = dict(os.environ, COMPLAINTS_OFFICER=officer)
    p = subprocess.run([os.environ["COMPLAINTS"], *args], input=stdin,
                       capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit("report-oracle: complaints %s failed (%d): %s"
                 % (" ".join(args), p.returncode, p.stderr.strip()))
    return p.stdout.strip()


def plan_actions(rnd, s):
    """The outstanding actions a response at stage s undertook
    (complaints action): added on the day of the response or a few days
    after, due some weeks later, done or not. A generator of its own
    (rnd), so the cases are those of the plan without them."""
    resp = D(s["responded"])
    for _ in range(rnd.choice([0, 0, 1, 1, 2])):
        added = resp + dt.timedelta(days=rnd.randint(0, 3))
        due = added + dt.timedelta(days=rnd.randint(5, 40))
        done = added + dt.timedelta(days=rnd.randint(1, 60))
        if added > TODAY:
            continue
        a = {"added": str(added), "due": str(due), "done": None}
        if rnd.random() < 0.7 and done <= TODAY:
            a["done"] = str(done)
        s.setdefault("actions", []).append(a)


def plan_cases(n, policies=None):
    rnd = random.Random(4242)
    rnd_actions = random.Random(1717)
    # the seeds' smaller rules (complaints about discrimination) drawn from
    # a generator of their own, so the rest of the plan stays as it was
    marks = random.Random(2002)
    cases = []
    policies = policies or SHIPPED
    for i in range(n):
        pol = policies[i % len(policies)]
        kind = rnd.choices(KINDS, [70, 8, 12, 10])[0]
        c = {
            "i": i, "policy": pol, "kind": kind,
            "service": rnd.choice(SERVICES),
            "channel": rnd.choice(CHANNELS + [None]),
            "category": rnd.choice([None, None, "noise", "repairs", "fees"]),
            "received": str(D(rnd.choice(ANCHORS)) +
                            dt.timedelta(days=rnd.randint(-4, 6))),
            "officer": rnd.choice(["alice", "carol"]),
            "stages": [], "closed": None, "close_reason": None,
            "referral": None,
        }
        if str(TODAY) < c["received"]:
            c["received"] = str(TODAY)
        c["discrimination"] = kind == "complaint" and marks.random() < 0.1
        cases.append(c)
        day = D(c["received"])

        def later(d, lo, hi):
            return d + dt.timedelta(days=rnd.randint(lo, hi))

        if kind != "complaint":
            # Comments and compliments are acknowledged and closed; service
            # requests closed. None stays open (see t4000 for open ones).
            if kind != "service-request" and rnd.random() < 0.7:
                ack = later(day, 0, 6)
                if ack <= TODAY:
                    c["stages"].append({"stage": 1, "opened": str(day),
                                        "officer": c["officer"],
                                        "acknowledged": str(ack)})
                    day = ack
            if not c["stages"]:
                c["stages"].append({"stage": 1, "opened": str(day),
                                    "officer": c["officer"]})
            close = later(day, 0, 5)
            c["closed"] = str(min(close, TODAY))
            c["close_reason"] = "resolved"
            continue

        rules = POLICIES[pol]
        n_stages = len(rules["stages"])
        for k in range(1, n_stages + 1):
            ack_days, resp_days, frm = rules["stages"][k - 1]
            if k == 1:
                officer = c["officer"]
            elif k > 2:
                # someone other than stage 2's officer (bob)
                officer = "dave"
            else:
                prev = c["stages"][0]
                same = prev.get("responded_by")
                officer = "bob" if rules["handler"] or rnd.random() < 0.6 \
                    else same
            s = {"stage": k, "opened": str(day),
                 "officer": c["officer"] if k == 1 else None,
                 "actor": officer, "ext": [], "texts": []}
            if k >= 2:
                s["reason"] = "Still unhappy"
            c["stages"].append(s)
            if rnd.random() < 0.8:
                ack = later(day, 0, 8)
                if ack > TODAY:
                    break
                s["acknowledged"] = str(ack)
                if s["officer"] is None:
                    s["officer"] = officer
                day = ack
            can_extend = resp_days > 0 and not (
                frm == "acknowledged" and "acknowledged" not in s) and not (
                pol == "southampton" and k == 1)
            if can_extend and rnd.random() < 0.3:
                # psps and southampton cap extensions at 10 working days
                # (seed 000 §6, seed 003 §4), and so does the fixture of
                # three stages at stage 1; the others set no cap, so
                # some go past the Code's 10 (stage 1) and 20 (stage 2).
                most = 5 if pol in ("psps", "southampton",
                                    "three-stages") else 9
                for _ in range(rnd.randint(1, 2 if most == 5 else 3)):
                    s["ext"].append({"days": rnd.randint(2, most),
                                     "date": str(day)})
            if rnd.random() < (0.75 if k == 1 else 0.6):
                resp = later(day, 1, 26)
                if resp > TODAY:
                    break
                hold_between(s, i, k, pol, day, resp)
                s["responded"] = str(resp)
                s["outcome"] = rnd.choice(OUTCOMES)
                s["responded_by"] = officer
                if s["officer"] is None:
                    s["officer"] = officer
                if rnd.random() < 0.4:
                    s["texts"].append(("remedy", "Apology %d.%d" % (i, k)))
                if rnd.random() < 0.4:
                    s["texts"].append(("learning", "Check rounds %d.%d"
                                       % (i, k)))
                plan_actions(rnd_actions, s)
                day = resp
            else:
                break
            if k < n_stages:
                if rnd.random() < 0.4:
                    esc = later(day, 0, 9)
                    if esc > TODAY:
                        break
                    day = esc
                    continue
                break
        last = c["stages"][-1]
        r = rnd.random()
        close = later(day, 0, 6)
        if close <= TODAY:
            if "responded" in last and r < 0.6:
                c["closed"], c["close_reason"] = str(close), "resolved"
                if last["stage"] == n_stages and rnd.random() < 0.8:
                    c["close_reason"] = "ombudsman"
                    dec = rnd.choice(DRAWN + [None])
                    if dec == "not-investigated" and i % 2:
                        dec = "closed-after-initial-enquiries"
                    c["referral"] = {"referred": str(close), "decision": dec}
            elif r < 0.75:
                c["closed"] = str(close)
                c["close_reason"] = rnd.choice(["out-of-scope", "refused",
                                                "withdrawn"])
        # A Southampton stage 2 left open may be held still.
        if not c["closed"] and "responded" not in last and \
                last["stage"] == 2:
            hold_open(last, i, pol, day)
    link_groups(cases)
    return cases


def link_groups(cases):
    """Groups of linked complaints: of each policy, its first three
    complaints, then the next two (each case's "group": a number)."""
    gid = 0
    for pol in POLICIES:
        mine = [c for c in cases if c["policy"] == pol
                and c["kind"] == "complaint"]
        for lo, hi in ((0, 3), (3, 5)):
            if len(mine) >= hi:
                gid += 1
                for c in mine[lo:hi]:
                    c["group"] = gid


# Southampton allows a hold for another procedure (seed 003 §11): some of
# its stages are held after their last step (the day given) and resumed
# by their response, and some stages 2 left open are held still. A random stream
# of their own, so the cases, their dates and their closing are as they
# would be without holds.
def hold_between(s, i, k, pol, day, resp):
    hr = random.Random(1000003 * (i + 1) + k)
    if pol != "southampton" or hr.random() >= 0.35 or resp <= day:
        return
    held = day + dt.timedelta(days=hr.randint(0, (resp - day).days - 1))
    resumed = held + dt.timedelta(days=hr.randint(0, (resp - held).days))
    s["holds"] = [{"held": str(held), "resumed": str(resumed)}]


def hold_open(s, i, pol, day):
    hr = random.Random(2000003 * (i + 1) + s["stage"])
    if pol != "southampton" or hr.random() >= 0.5:
        return
    held = day + dt.timedelta(days=hr.randint(0, 3))
    if held <= TODAY:
        s["holds"] = [{"held": str(held), "resumed": None}]


def in_force(s):
    """The hold of stage s not yet resumed, or None."""
    for h in s.get("holds", []):
        if h["resumed"] is None:
            return h
    return None


def held_days(s, cutoff):
    """The working days stage s's holds move its response deadline by
    (Southampton's clock runs from the stage's opening): after the day
    held up to and including the day resumed, or the cutoff."""
    return sum(wd_between(D(h["held"]), D(h["resumed"]) if h["resumed"]
                          else cutoff) for h in s.get("holds", []))


def build(plan_path, n, policies=None):
    cases = plan_cases(n, policies)
    for c in cases:
        args = ["log", "--policy", c["policy"], "--kind", c["kind"],
                "--complainant", "Resident %d" % c["i"],
                "--summary", "case %d" % c["i"], "--received", c["received"]]
        for opt in ("service", "channel", "category"):
            if c[opt] is not None:
                args += ["--" + opt, c[opt]]
        if c.get("discrimination"):
            args.append("--discrimination")
        c["ref"] = run(c["officer"], *args)
        for s in c["stages"]:
            who = c["officer"] if s["stage"] == 1 else s.get("actor")
            if s["stage"] >= 2:
                run(who, "escalate", c["ref"], "--reason", s["reason"],
                    "--date", s["opened"])
            if "acknowledged" in s:
                run(who, "ack", c["ref"], "--date", s["acknowledged"])
            for e in s.get("ext", []):
                run(who, "extend", c["ref"], "--days", str(e["days"]),
                    "--reason", "Waiting for a contractor", "--date",
                    e["date"], "--told")
            for h in s.get("holds", []):
                run(who, "hold", c["ref"], "--reason", "other-procedure",
                    "--date", h["held"])
                if h["resumed"]:
                    run(who, "resume", c["ref"], "--date", h["resumed"])
            if "responded" in s:
                args = ["respond", c["ref"], "--outcome", s["outcome"],
                        "--date", s["responded"]]
                for kind, text in s["texts"]:
                    args += ["--" + kind, text]
                run(who, *args)
            for a in s.get("actions", []):
                a["n"] = int(run(who, "action", "add", c["ref"], "--what",
                                 "Put right %d.%d" % (c["i"], s["stage"]),
                                 "--due", a["due"], "--date", a["added"]))
        for s in c["stages"]:
            for a in s.get("actions", []):
                if a["done"]:
                    run("carol", "action", "done", c["ref"], str(a["n"]),
                        "--date", a["done"])
        if c["closed"]:
            run(c["officer"], "close", c["ref"], "--reason", c["close_reason"],
                "--date", c["closed"])
        # The ombudsman stage, on the closed case: the referral and, where
        # there is one, the decision, the same day.
        r = c["referral"]
        if r is not None:
            run("alice", "ombudsman", c["ref"], "--body", "lgsco", "--date",
                r["referred"])
            if r["decision"]:
                run("alice", "ombudsman", c["ref"], "--decision",
                    r["decision"], "--date", r["referred"])
            # What an upheld decision asks of the council: a remedy due
            # four weeks on, complied with (on time or late) or not yet.
            if r["decision"] in ("upheld", "partly-upheld"):
                made = D(r["referred"])
                r["remedy"] = "Remedy %d" % c["i"]
                r["due"] = str(made + dt.timedelta(days=28))
                done = made + dt.timedelta(days=(None, 14, 35)[c["i"] % 3]
                                           or 0) if c["i"] % 3 else None
                r["complied"] = str(done) if done and done <= TODAY \
                    else None
                run("alice", "ombudsman", c["ref"], "--remedy", r["remedy"],
                    "--remedy-due", r["due"], "--date", r["referred"])
                if r["complied"]:
                    run("alice", "ombudsman", c["ref"], "--complied",
                        r["complied"])
    # The groups, each linked on the day its last case was received.
    groups = {}
    for c in cases:
        if c.get("group"):
            groups.setdefault(c["group"], []).append(c)
    for g in groups.values():
        run("alice", "link", *[c["ref"] for c in g], "--date",
            max(c["received"] for c in g))
    with open(plan_path, "w") as f:
        json.dump(cases, f, indent=1)


# --- the rules of the figures (complaints-report(1)) ------------------------

def stage_facts(c, s, today=TODAY):
    """Deadlines and dates of one stage, as plain values."""
    ack_days, resp_days, frm = POLICIES[c["policy"]]["stages"][s["stage"] - 1]
    opened = D(s["opened"])
    ack = D(s["acknowledged"]) if "acknowledged" in s else None
    resp = D(s["responded"]) if "responded" in s else None
    ext = sum(e["days"] for e in s.get("ext", []))
    start = ack if frm == "acknowledged" else opened
    cutoff = D(c["closed"]) if c["closed"] else today
    held = held_days(s, cutoff)
    f = {
        "opened": opened, "ack": ack, "resp": resp, "ext_n": len(s.get("ext", [])),
        "ext_days": ext, "contact": ack or resp,
        "cutoff": D(c["closed"]) if c["closed"] else today,
        "ack_due": wd_after(opened, ack_days) if ack_days else None,
        "resp_due": wd_after(start, resp_days + ext + held)
        if resp_days and start else None,
        "orig_due": wd_after(start, resp_days + held)
        if resp_days and start else None,
        "outcome": s.get("outcome"),
        "handler": s.get("responded_by") or s.get("officer"),
    }
    return f


def measured(due, done, cutoff):
    if due is None:
        return False, False
    of = done is not None or due < cutoff
    return of, of and done is not None and done <= due


def next_action(c):
    """(action, due) of an open case's current stage, or None."""
    s = c["stages"][-1]
    if c["closed"] or "responded" in s or in_force(s):
        return None
    f = stage_facts(c, s)
    ack_days = POLICIES[c["policy"]]["stages"][s["stage"] - 1][0]
    if f["ack"] is None and ack_days > 0:
        return "acknowledge", f["ack_due"]
    if f["resp_due"] is None:
        return None
    return "respond", f["resp_due"]


def overdue(cases, within=0, officer=None, service=None, policy=None,
            actions=False):
    horizon = wd_after(TODAY, within) if within else None
    rows = []
    for c in cases:
        if c["kind"] == "service-request":
            continue
        na = next_action(c)
        if na is None:
            continue
        action, due = na
        s = c["stages"][-1]
        if officer is not None and s.get("officer") != officer:
            continue
        if service is not None and (c["service"] or "").lower() != \
                service.lower():
            continue
        if policy is not None and c["policy"] != policy:
            continue
        if not (due < TODAY or (within and due <= horizon)):
            continue
        late = wd_between(due, TODAY) if due < TODAY else \
            -wd_between(TODAY, due)
        rows.append((-late, str(due), c["ref"], [
            c["ref"], c["policy"], str(s["stage"]), action, str(due),
            str(late), s.get("officer") or "", c["service"] or ""]))
    rows.sort(key=lambda r: r[:3])
    out = ["ref,policy,stage,action,due,working_days_overdue,officer,service"]
    out += [",".join(r[3]) for r in rows]
    if actions:
        out += overdue_remedies(cases, horizon, officer, service, policy)
    return "\n".join(out) + "\n"


def overdue_remedies(cases, horizon, officer, service, policy):
    """report overdue --actions: the open actions past due (or due by the
    horizon), as remedy, by due day, case and number; their stage that of
    the last response on or before the day added, their officer the
    current stage's (the plan's actions have no owner)."""
    rows = []
    for c in cases:
        cur = c["stages"][-1]
        if officer is not None and cur.get("officer") != officer:
            continue
        if service is not None and (c["service"] or "").lower() != \
                service.lower():
            continue
        if policy is not None and c["policy"] != policy:
            continue
        for s in c["stages"]:
            for a in s.get("actions", []):
                due = D(a["due"])
                if a["done"] or not (due < TODAY or (horizon and
                                                      due <= horizon)):
                    continue
                late = wd_between(due, TODAY) if due < TODAY else \
                    -wd_between(TODAY, due)
                stage = max(x["stage"] for x in c["stages"]
                            if x.get("responded", "9") <= a["added"])
                rows.append((a["due"], c["i"], a["n"], [
                    c["ref"], c["policy"], str(stage), "remedy", a["due"],
                    str(late), cur.get("officer") or "", c["service"] or ""]))
    rows.sort(key=lambda r: r[:3])
    return [",".join(r[3]) for r in rows]


# The Code has two stages: a later stage is measured as its last.
CODE_ACK, CODE_RESP = 5, {1: 10, 2: 20, 3: 20}


def group_of(by, c, s=None, when=None):
    if by is None:
        return None
    if by == "service":
        return c["service"]
    if by == "policy":
        return c["policy"]
    if by == "channel":
        return c["channel"]
    if by == "month":
        return when[:7]
    if by == "officer":
        return (s or c["stages"][-1]).get("officer")
    raise ValueError(by)


def new_group():
    return {"received": 0, "overall_of": 0, "overall_ok": 0,
            "kind": {k: 0 for k in KINDS},
            "channel": {k: 0 for k in CHANNELS + ["unrecorded"]},
            "stages": {}, "refusals": {}, "referred": 0,
            "discrimination": 0, "informal": 0,
            "decision": {k: 0 for k in DECISIONS + ["other", "pending"]}}


def new_stage():
    return {k: 0 for k in (
        "opened", "ack_of", "ack_ok", "resp_of", "resp_ok", "orig_of",
        "orig_ok", "noext_of", "noext_ok", "ext_of", "ext_ok", "responded",
        "extended", "extensions", "ext_days", "escalated", "diff_of",
        "diff_ok", "code_ack_of", "code_ack_ok", "code_resp_of",
        "code_resp_ok", "code_ext_of", "code_ext_ok")} | {
        "wd": [], "outcome": {o: 0 for o in OUTCOMES},
        "missed": {"ack": [], "resp": [], "ext": [], "diff": []}}


def gather(cases, frm, to, by):
    """{group: figures} for the period; key None: all (with by None)."""
    frm, to = str(frm), str(to)
    groups = {}

    def g(key):
        return groups.setdefault(key, new_group())

    for c in cases:
        if frm <= c["received"] <= to:
            x = g(group_of(by, c, when=c["received"]))
            x["received"] += 1
            x["kind"][c["kind"]] += 1
            x["channel"][c["channel"] or "unrecorded"] += 1
            if c["kind"] == "complaint":
                x["discrimination"] += bool(c.get("discrimination"))
                x["informal"] += bool(c.get("informal"))
            weeks = POLICIES[c["policy"]].get("overall_weeks")
            if weeks and c["kind"] == "complaint":
                # decided once closed, or once the clock has run out
                due = D(c["received"]) + dt.timedelta(weeks=weeks)
                closed = D(c["closed"]) if c["closed"] else None
                # a withdrawn, out-of-scope or refused complaint was not
                # resolved: the clock does not measure it
                resolved = c["close_reason"] not in (
                    "withdrawn", "out-of-scope", "refused")
                if (closed and resolved) or (not closed and due < TODAY):
                    x["overall_of"] += 1
                    x["overall_ok"] += bool(closed and resolved and
                                            closed <= due)
            if c["close_reason"] in ("out-of-scope", "refused"):
                key = (c["close_reason"], c["category"])
                x["refusals"][key] = x["refusals"].get(key, 0) + 1
        r = c["referral"]
        if r and frm <= r["referred"] <= to:
            x = g(group_of(by, c, when=r["referred"]))
            x["referred"] += 1
            x["decision"][r["decision"] or "pending"] += 1
        if c["kind"] != "complaint":
            continue
        for s in c["stages"]:
            if not frm <= s["opened"] <= to:
                continue
            st = g(group_of(by, c, s, when=s["opened"]))["stages"] \
                .setdefault(s["stage"], new_stage())
            f = stage_facts(c, s)
            st["opened"] += 1
            for name, due, done in (("ack", f["ack_due"], f["contact"]),
                                    ("resp", f["resp_due"], f["resp"]),
                                    ("orig", f["orig_due"], f["resp"])):
                of, ok = measured(due, done, f["cutoff"])
                st[name + "_of"] += of
                st[name + "_ok"] += ok
            of, ok = measured(f["resp_due"], f["resp"], f["cutoff"])
            pre = "ext" if f["ext_n"] else "noext"
            st[pre + "_of"] += of
            st[pre + "_ok"] += ok
            if f["resp"]:
                st["responded"] += 1
                st["wd"].append(wd_between(f["opened"], f["resp"]))
                st["outcome"][f["outcome"]] += 1
            st["extended"] += f["ext_n"] > 0
            st["extensions"] += f["ext_n"]
            st["ext_days"] += f["ext_days"]
            st["escalated"] += any(t["stage"] == s["stage"] + 1
                                   for t in c["stages"])
            if s["stage"] > 1:
                prev = stage_facts(c, c["stages"][s["stage"] - 2])["handler"]
                if f["handler"] and prev:
                    st["diff_of"] += 1
                    st["diff_ok"] += f["handler"] != prev
                    if f["handler"] == prev:
                        st["missed"]["diff"].append(c["ref"])
            # The Complaint Handling Code's timescales.
            of, ok = measured(wd_after(f["opened"], CODE_ACK), f["contact"],
                              f["cutoff"])
            st["code_ack_of"] += of
            st["code_ack_ok"] += ok
            if of and not ok:
                st["missed"]["ack"].append(c["ref"])
            due = wd_after(f["ack"] or f["opened"], CODE_RESP[s["stage"]])
            of, ok = measured(due, f["resp"], f["cutoff"])
            st["code_resp_of"] += of
            st["code_resp_ok"] += ok
            if of and not ok:
                st["missed"]["resp"].append(c["ref"])
            if f["ext_n"]:
                st["code_ext_of"] += 1
                st["code_ext_ok"] += f["ext_days"] <= CODE_RESP[s["stage"]]
                if f["ext_days"] > CODE_RESP[s["stage"]]:
                    st["missed"]["ext"].append(c["ref"])
    return groups


def fmt(v):
    return "%.1f" % v


def figures(x, max_stage):
    """[(figure, value, of)] of one group; value None: empty; of None: none."""
    out = [("received", x["received"], None)]
    out += [("received." + k, x["kind"][k], x["received"]) for k in KINDS]
    out += [("channel." + k, x["channel"][k], x["received"])
            for k in CHANNELS + ["unrecorded"]]
    out += [("overall.resolved_on_time", x["overall_ok"], x["overall_of"])]
    for n in range(1, max_stage + 1):
        st = x["stages"].get(n, new_stage())
        p = "stage%d." % n
        out += [
            (p + "opened", st["opened"], None),
            (p + "acknowledged_on_time", st["ack_ok"], st["ack_of"]),
            (p + "responded_on_time", st["resp_ok"], st["resp_of"]),
            (p + "responded_on_time_without_extension", st["noext_ok"],
             st["noext_of"]),
            (p + "responded_on_time_with_extension", st["ext_ok"],
             st["ext_of"]),
            (p + "responded_within_original_timescale", st["orig_ok"],
             st["orig_of"]),
            (p + "responded", st["responded"], st["opened"]),
            (p + "working_days_to_respond_mean",
             fmt(statistics.mean(st["wd"])) if st["wd"] else None,
             st["responded"]),
            (p + "working_days_to_respond_median",
             fmt(statistics.median(st["wd"])) if st["wd"] else None,
             st["responded"]),
        ]
        out += [(p + "outcome." + o, st["outcome"][o], st["responded"])
                for o in OUTCOMES]
        out += [(p + "extended", st["extended"], st["opened"]),
                (p + "extensions", st["extensions"], None),
                (p + "extension_days", st["ext_days"], None)]
        if n < max_stage:
            out.append((p + "escalated", st["escalated"], st["opened"]))
        if n > 1:
            out.append((p + "handled_by_different_person", st["diff_ok"],
                        st["diff_of"]))
    for reason in ("out-of-scope", "refused"):
        total = sum(v for (r, _), v in x["refusals"].items() if r == reason)
        out.append(("closed." + reason, total, x["received"]))
        for (r, cat), v in sorted(x["refusals"].items(),
                                  key=lambda kv: (kv[0][0], kv[0][1] is None,
                                                  kv[0][1] or "")):
            if r == reason:
                out.append(("closed.%s.%s" % (reason, cat or "(none)"), v,
                            total))
    out += [("complaints.discrimination", x["discrimination"],
             x["kind"]["complaint"]),
            ("complaints.resolved_informally", x["informal"],
             x["kind"]["complaint"])]
    out.append(("ombudsman.referred", x["referred"], None))
    for d in DECISIONS + ["other", "pending"]:
        if d == "other" and not x["decision"][d]:
            continue
        out.append(("ombudsman." + d, x["decision"][d], x["referred"]))
    return out


def cells(value, of, decimal=False):
    """value, of, percent as the CSV prints them."""
    if isinstance(value, str) or (value is None and of is not None and
                                  decimal):
        return [value or "", "" if of is None else str(of), ""]
    if value is None:
        return ["", "" if of is None else str(of), ""]
    pct = fmt(100.0 * value / of) if of else ""
    return [str(value), "" if of is None else str(of), pct]


def max_stage_of(*gathered):
    n = 2
    for groups in gathered:
        for x in groups.values():
            n = max([n] + list(x["stages"]))
    return n


def linked_figures(cases, frm, to):
    """The figures of linked complaints received frm..to (complaints-
    report(1)): the groups, the complaints in them (of those received),
    and the complaints received with a group counted once where its
    policy says so."""
    frm, to = str(frm), str(to)
    received = [c for c in cases if c["kind"] == "complaint"
                and frm <= c["received"] <= to]
    groups = {}
    for c in received:
        if c.get("group"):
            groups.setdefault(c["group"], []).append(c)
    once = len(received) - sum(
        len(g) - 1 for g in groups.values()
        if POLICIES[g[0]["policy"]].get("linked_once"))
    return [("linked.groups", len(groups), None),
            ("linked.complaints", sum(len(g) for g in groups.values()),
             len(received)),
            ("received.complaint.counting_linked_once", once, None)]


def expected_summary(cases, frm, to, by):
    rows = {}
    total = gather(cases, frm, to, None)
    total.setdefault(None, new_group())
    grouped = gather(cases, frm, to, by) if by else {}
    ms = max_stage_of(total, grouped)
    for name, v, of in figures(total[None], ms):
        rows[("all", "", name)] = cells(v, of, "working_days" in name)
    for key, x in grouped.items():
        for name, v, of in figures(x, ms):
            rows[(by, key or "", name)] = cells(v, of, "working_days" in name)
    h = hold_figures(cases, frm, to)
    if any(v for _, v in h):
        for name, v in h:
            rows[("all", "", name)] = cells(v, None)
    linked = linked_figures(cases, frm, to)
    for name, v, of in linked if linked[0][1] else []:
        rows[("all", "", name)] = cells(v, of)
    return rows


def hold_figures(cases, frm, to):
    """The holds' figures of a period: the complaints put on hold in it,
    the working days those holds lasted (up to today while in force), the
    stages opened in it whose deadlines a hold moved."""
    frm, to = str(frm), str(to)
    held, days, moved = set(), 0, 0
    for c in cases:
        if c["kind"] != "complaint":
            continue
        for s in c["stages"]:
            for h in s.get("holds", []):
                if frm <= h["held"] <= to:
                    held.add(c["ref"])
                    days += wd_between(D(h["held"]), D(h["resumed"])
                                       if h["resumed"] else TODAY)
            if s.get("holds") and frm <= s["opened"] <= to:
                moved += 1
    return [("holds.cases_held", len(held)),
            ("holds.working_days_held", days),
            ("holds.stages_with_deadlines_moved", moved)]


def month_start(year, start, i):
    """The first day of the ith month (from 0) of the year that starts in
    month start of year."""
    m = start - 1 + i
    return dt.date(year + m // 12, m % 12 + 1, 1)


def expected_annual(cases, year, start=1):
    rows = {}
    periods = [(month_start(year - k, start, 0),
                month_start(year - k, start, 12) - dt.timedelta(days=1))
               for k in (0, 1)]
    totals = [gather(cases, a, b, None) for a, b in periods]
    for t in totals:
        t.setdefault(None, new_group())
    services = [gather(cases, a, b, "service") for a, b in periods]
    ms = max_stage_of(*totals, *services)

    def both(section, group, x0, x1):
        f0 = figures(x0, ms)
        f1 = figures(x1, ms)
        names = [f[0] for f in f0] + [f[0] for f in f1 if f[0] not in
                                       {g[0] for g in f0}]
        d0 = {f[0]: f[1:] for f in f0}
        d1 = {f[0]: f[1:] for f in f1}
        for name in names:
            dec = "working_days" in name
            # A figure only one year has (a closing category) is 0 in the
            # other, out of that year's total.
            v0 = d0.get(name) or (0, zero_of(name, d0))
            v1 = d1.get(name) or (0, zero_of(name, d1))
            rows[(section, group or "", name)] = (cells(*v0, dec) +
                                                  cells(*v1, dec))

    def zero_of(name, d):
        reason = ".".join(name.split(".")[:2])
        return d[reason][0] if reason in d else 0

    both("all", None, totals[0][None], totals[1][None])
    linked = [linked_figures(cases, str(a), str(b)) for a, b in periods]
    # Only when a year holds a group (linked.groups, the first figure).
    for (name, v0, of0), (_, v1, of1) in zip(*linked) \
            if linked[0][0][1] or linked[1][0][1] else []:
        rows[("all", "", name)] = cells(v0, of0) + cells(v1, of1)
    for key in set(services[0]) | set(services[1]):
        both("service", key, services[0].get(key, new_group()),
             services[1].get(key, new_group()))
    for i in range(12):
        n = []
        for k in (0, 1):
            mm = str(month_start(year - k, start, i))[:7]
            n.append(sum(1 for c in cases if c["kind"] == "complaint"
                         and c["stages"][0]["opened"][:7] == mm))
        rows[("month", str(month_start(year, start, i))[:7],
              "stage1.opened")] = cells(n[0], None) + cells(n[1], None)
    for key in set(services[0]) | set(services[1]):
        v = [services[k].get(key, new_group())["kind"]["compliment"]
             for k in (0, 1)]
        if any(v):
            rows[("compliments", key or "", "received.compliment")] = \
                cells(v[0], None) + cells(v[1], None)
    # Each measure with the Complaint Handling Code's paragraph (its group).
    code = [("stage1.acknowledged_within_5_working_days", 1, "ack", "6.2"),
            ("stage1.answered_within_10_working_days_of_acknowledgement", 1,
             "resp", "6.3"),
            ("stage2.acknowledged_within_5_working_days", 2, "ack", "6.11"),
            ("stage2.answered_within_20_working_days_of_acknowledgement", 2,
             "resp", "6.14"),
            ("stage1.extended_by_no_more_than_10_working_days", 1, "ext",
             "6.4"),
            ("stage2.extended_by_no_more_than_20_working_days", 2, "ext",
             "6.15"),
            ("stage2.handled_by_different_person", 2, "diff", "6.13")]
    for name, n, what, paragraph in code:
        vals = []
        for k in (0, 1):
            st = totals[k][None]["stages"].get(n, new_stage())
            key = {"ack": "code_ack", "resp": "code_resp", "ext": "code_ext",
                   "diff": "diff"}[what]
            vals += cells(st[key + "_ok"], st[key + "_of"])
        st = totals[0][None]["stages"].get(n, new_stage())
        rows[("self-assessment", paragraph, name)] = vals + [
            " ".join(sorted(st["missed"][what]))]
    # Recommendations and their progress: the actions undertaken in each
    # year, each as it stood at the end of its year (or today, if sooner).
    progress = []
    for a, b in periods:
        asof = str(min(b, TODAY))
        made = [x for c in cases for s in c["stages"]
                for x in s.get("actions", [])
                if str(a) <= x["added"] <= str(b)]
        done = [x for x in made if x["done"] and x["done"] <= asof]
        on_time = sum(1 for x in done if x["done"] <= x["due"])
        progress.append((len(made), on_time, len(done) - on_time,
                         len(made) - len(done)))
    rows[("recommendations", "", "recommendations.made")] = \
        cells(progress[0][0], None) + cells(progress[1][0], None)
    for i, name in enumerate(["done_on_time", "done_late", "still_open"]):
        rows[("recommendations", "", "recommendations." + name)] = \
            cells(progress[0][i + 1], progress[0][0]) + \
            cells(progress[1][i + 1], progress[1][0])
    h = [hold_figures(cases, a, b) for a, b in periods]
    if any(v for fig in h for _, v in fig):
        for (name, v0), (_, v1) in zip(h[0], h[1]):
            rows[("all", "", name)] = cells(v0, None) + cells(v1, None)
    # The ombudsman's decisions of each year, as its annual letter counts
    # them (report_code.h): decided the day of the referral here.
    letter = []
    for k in (0, 1):
        n = {"decided": 0, "fault": 0, "remedies": 0, "complied": 0,
             "with_due": 0, "on_time": 0} | {d: 0 for d in DECISIONS}
        for c in cases:
            r = c.get("referral")
            if not r or not r["decision"] or not (
                    str(periods[k][0]) <= r["referred"] <= str(periods[k][1])):
                continue
            n["decided"] += 1
            n[r["decision"]] += 1
            if r["decision"] in ("upheld", "partly-upheld"):
                n["fault"] += 1
            if r.get("remedy"):
                n["remedies"] += 1
                if r.get("complied"):
                    n["complied"] += 1
                    n["with_due"] += 1
                    n["on_time"] += r["complied"] <= r["due"]
        letter.append(n)
    for name, v, of in ([("decided", "decided", None)] +
                        [("decided." + d, d, "decided") for d in DECISIONS] +
                        [("remedy_recommended", "remedies", "fault"),
                         ("remedy_complied", "complied", "remedies"),
                         ("remedy_complied_on_time", "on_time",
                          "with_due")]):
        rows[("ombudsman-letter", "", name)] = sum(
            (cells(letter[k][v], letter[k][of] if of else None)
             for k in (0, 1)), [])
    # The housing measures, when the default policy sends some services to
    # the Housing Ombudsman (CH01 per 1,000 homes with ORACLE_HOMES).
    matters = HOUSING.get(os.environ.get("ORACLE_DEFAULT_POLICY",
                                         "south-staffordshire"), [])
    homes = int(os.environ.get("ORACLE_HOMES", "0"))
    housing = [key for key in set(services[0]) | set(services[1])
               if key is not None and same_matter(key, matters)]
    if housing:
        st = [[sum(services[k].get(key, new_group())["stages"].get(
            n, new_stage())[f] for key in housing) for n in (1, 2)]
            for k in (0, 1) for f in ("opened", "code_resp_ok",
                                      "code_resp_of")]
        # st: [opened k0, ok k0, of k0, opened k1, ok k1, of k1]
        for n in (1, 2):
            rows[("housing", "CH01", "stage%d.complaints" % n)] = \
                cells(st[0][n - 1], None) + cells(st[3][n - 1], None)
            rows[("housing", "CH01",
                  "stage%d.complaints_per_1000_homes" % n)] = sum(
                (cells(fmt(1000.0 * st[3 * k][n - 1] / homes) if homes
                       else None, homes, True) for k in (0, 1)), [])
        for n in (1, 2):
            rows[("housing", "CH02",
                  "stage%d.answered_within_code_timescale" % n)] = \
                cells(st[1][n - 1], st[2][n - 1]) + \
                cells(st[4][n - 1], st[5][n - 1])
    decisions = []
    for c in cases:
        r = c.get("referral")
        if not r or not r["decision"] or not (
                str(periods[0][0]) <= r["referred"] <= str(periods[0][1])):
            continue
        detail = "decided " + r["referred"]
        if r.get("remedy"):
            detail += "; remedy: %s; due %s; %s" % (
                r["remedy"], r["due"], "complied %s, %s" % (
                    r["complied"], "on time" if r["complied"] <= r["due"]
                    else "late") if r.get("complied")
                else "not complied yet")
        decisions.append(((r["referred"], c["ref"]),
                          ["lgsco", r["decision"], c["ref"], detail]))
    decisions.sort(key=lambda d: d[0])
    learning = []
    for c in cases:
        if c["kind"] != "complaint":
            continue
        for s in c["stages"]:
            if "responded" in s and str(periods[0][0]) <= \
                    s["responded"] <= str(periods[0][1]):
                for kind, text in s["texts"]:
                    learning.append(((c["service"] is None,
                                      c["service"] or "", c["ref"],
                                      s["stage"]),
                                     [c["service"] or "", kind,
                                      str(s["stage"]), c["ref"], text]))
    learning.sort(key=lambda r: r[0])
    return rows, [r[1] for r in learning] + [d[1] for d in decisions]


# --- comparing --------------------------------------------------------------

def compare(want, got, what):
    bad = 0
    for key in sorted(set(want) | set(got), key=str):
        if key not in got:
            print("# %s: missing row %s (want %s)" % (what, key, want[key]))
        elif key not in want:
            print("# %s: unexpected row %s: %s" % (what, key, got[key]))
        elif want[key] != got[key]:
            print("# %s: row %s: want %s, got %s" % (what, key, want[key],
                                                     got[key]))
        else:
            continue
        bad += 1
    return bad


def load_plan(path):
    with open(path) as f:
        return json.load(f)


def main(argv):
    if len(argv) >= 2 and argv[0] == "build":
        build(argv[1], int(argv[2]) if len(argv) > 2 else 200,
              argv[3].split(",") if len(argv) > 3 else None)
        return 0
    if len(argv) >= 2 and argv[0] == "overdue":
        opts = {"within": 0}
        rest = argv[2:]
        while rest:
            if rest[0] == "--actions":
                opts["actions"] = True
                rest = rest[1:]
                continue
            opts[rest[0][2:]] = int(rest[1]) if rest[0] == "--within" \
                else rest[1]
            rest = rest[2:]
        sys.stdout.write(overdue(load_plan(argv[1]), **opts))
        return 0
    if len(argv) in (5, 6) and argv[0] == "summary":
        cases = load_plan(argv[1])
        by = argv[4] if len(argv) == 6 else None
        want = expected_summary(cases, argv[2], argv[3], by)
        with open(argv[-1]) as f:
            rd = csv.reader(f)
            head = next(rd)
            assert head == ["by", "group", "figure", "value", "of",
                            "percent"], head
            got = {(r[0], r[1], r[2]): r[3:] for r in rd}
        return 1 if compare(want, got, "summary") else 0
    if len(argv) in (4, 5) and argv[0] == "annual":
        cases = load_plan(argv[1])
        want, want_learning = expected_annual(
            cases, int(argv[2]), int(argv[4]) if len(argv) == 5 else 1)
        got, got_learning = {}, []
        with open(argv[3]) as f:
            rd = csv.reader(f)
            head = next(rd)
            assert head == ["section", "group", "figure", "value", "of",
                            "percent", "previous_value", "previous_of",
                            "previous_percent", "ref", "detail"], head
            for r in rd:
                if r[0] == "learning":
                    got_learning.append([r[1], r[2], r[3], r[9], r[10]])
                    continue
                if r[0] == "ombudsman-decision":
                    got_learning.append([r[1], r[2], r[9], r[10]])
                    continue
                vals = r[3:9]
                if r[0] == "self-assessment":
                    vals.append(r[10])
                got[(r[0], r[1], r[2])] = vals
        bad = compare(want, got, "annual")
        if want_learning != got_learning:
            print("# learning: want %s\n# got %s" % (want_learning,
                                                     got_learning))
            bad += 1
        return 1 if bad else 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
