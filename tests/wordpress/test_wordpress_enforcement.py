"""Access, erasure and a retention sweep on WordPress' own tables, bound by examples/wordpress.

The site (tests/wordpress_schema.py) has Jan Jansen, an author and shop customer who also
comments, and Fenna de Vries, a guest who commented twice (once typing her address in capitals);
every assertion reads the rows themselves.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from wordpress_support import ERASURE_KEY, read_rows, restore_backup, snapshot

from waarborg.datasets.erase import pseudonym
from waarborg.datasets.identities import identity_hash
from waarborg.requests.access import access_fulfilment
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.restrict import restrict_fulfilment
from waarborg.requests.runner import RequestOutcome, run_request
from waarborg.retention.replay import replay_erasures
from waarborg.retention.sweep import run_sweep
from waarborg.store import ErasureLedgerEntry
from waarborg.workspace import Workspace
from wordpress_schema import FENNA, JAN, WordPressSite

KEY = ERASURE_KEY.encode()
SIX_MONTHS_BEFORE_NOW = datetime(2025, 12, 1, 12)  # the site's now is 2026-06-01 12:00
ANONYMOUS = "Anoniem"


def _url(workspace: Workspace) -> str:
    return workspace.env["WAARBORG_WORDPRESS_URL"]


def _erase(workspace: Workspace, site: WordPressSite, email: str) -> RequestOutcome:
    return run_request(workspace, "erase", Identity("email", email), erase_fulfilment(), now=site.now)


def _moment(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _ids(rows: list[dict[str, object]], key: str) -> list[object]:
    return sorted(row[key] for row in rows)  # type: ignore[type-var]


def test_access_finds_an_author_in_every_table_wordpress_keeps_her_in(
    wp_workspace: Workspace, wp_site: WordPressSite, tmp_path: Path
) -> None:
    jan = wp_site.user(JAN)
    outcome = run_request(wp_workspace, "access", Identity("email", JAN), access_fulfilment(tmp_path, pdf=False),
                          now=wp_site.now)
    assert outcome.status == "completed"
    data = json.loads((tmp_path / outcome.result["package"] / "data.json").read_text(encoding="utf-8"))["data"]
    assert _ids(data["website.wp_users"], "ID") == [jan["ID"]]
    meta = [m for m in wp_site.table("usermeta") if m["user_id"] == jan["ID"]]
    assert _ids(data["website.wp_usermeta"], "umeta_id") == _ids(meta, "umeta_id")
    assert {m["meta_key"]: m["meta_value"] for m in data["website.wp_usermeta"]}["billing_city"] == next(
        m["meta_value"] for m in meta if m["meta_key"] == "billing_city")
    posts = [p for p in wp_site.table("posts") if p["post_author"] == jan["ID"]]
    assert _ids(data["website.wp_posts"], "ID") == _ids(posts, "ID") and posts
    assert _ids(data["website.wp_comments"], "comment_ID") == _ids(wp_site.comments_by(JAN), "comment_ID")
    assert outcome.result["found_rows"] == 1 + len(meta) + len(posts) + len(wp_site.comments_by(JAN))


def test_access_finds_a_guest_by_her_address_whatever_its_capitals(
    wp_workspace: Workspace, wp_site: WordPressSite, tmp_path: Path
) -> None:
    outcome = run_request(wp_workspace, "access", Identity("email", FENNA), access_fulfilment(tmp_path, pdf=False),
                          now=wp_site.now)
    assert outcome.result["tables"] == {"website.wp_comments": 2}
    data = json.loads((tmp_path / outcome.result["package"] / "data.json").read_text(encoding="utf-8"))["data"]
    assert {c["comment_author_IP"] for c in data["website.wp_comments"]} == {"198.51.100.4", "198.51.100.5"}


def test_erasure_keeps_the_posts_and_anonymises_their_author(wp_workspace: Workspace, wp_site: WordPressSite) -> None:
    url, jan = _url(wp_workspace), wp_site.user(JAN)
    before = snapshot(url)
    assert _erase(wp_workspace, wp_site, JAN).status == "completed"
    after = snapshot(url)
    user = after["wp_users"][jan["ID"]]
    assert user["user_email"] == identity_hash(KEY, "email", JAN)
    assert user["user_login"] == user["user_nicename"] == pseudonym(KEY, jan["user_login"])
    assert (user["display_name"], user["user_pass"], user["user_url"]) == (ANONYMOUS, "", "")
    assert user["user_registered"] == before["wp_users"][jan["ID"]]["user_registered"]
    posts = [pid for pid, p in before["wp_posts"].items() if p["post_author"] == jan["ID"]]
    assert posts and all(after["wp_posts"][pid] == before["wp_posts"][pid] for pid in posts)  # text, title, author
    assert [m for m in after["wp_usermeta"].values() if m["user_id"] == jan["ID"]] == []


def test_erasure_keeps_the_comment_text_and_removes_who_wrote_it(
    wp_workspace: Workspace, wp_site: WordPressSite
) -> None:
    url = _url(wp_workspace)
    before = snapshot(url)
    _erase(wp_workspace, wp_site, FENNA)
    after = read_rows(url, "wp_comments")
    hers = _ids(wp_site.comments_by(FENNA), "comment_ID")
    for cid in hers:
        was, now = before["wp_comments"][cid], after[cid]
        assert now["comment_content"] == was["comment_content"] and now["comment_content"]
        assert now["comment_author_email"] == identity_hash(KEY, "email", FENNA)  # one hash for both spellings
        assert (now["comment_author"], now["comment_author_url"]) == (ANONYMOUS, "")
        assert (now["comment_author_IP"], now["comment_agent"]) == ("", "")
        assert now["comment_date_gmt"] == was["comment_date_gmt"]
    assert {cid: row for cid, row in after.items() if cid not in hers} == {
        cid: row for cid, row in before["wp_comments"].items() if cid not in hers}
    assert snapshot(url)["wp_users"] == before["wp_users"]


def test_erasure_touches_no_one_else_and_says_exactly_what_it_did(
    wp_workspace: Workspace, wp_site: WordPressSite
) -> None:
    url, jan = _url(wp_workspace), wp_site.user(JAN)
    before = snapshot(url)
    outcome = _erase(wp_workspace, wp_site, JAN)
    after = snapshot(url)
    changed = {t: sorted(k for k in before[t] if after[t].get(k) != before[t][k]) for t in before}
    jans_comments = _ids(wp_site.comments_by(JAN), "comment_ID")
    jans_meta = _ids([m for m in wp_site.table("usermeta") if m["user_id"] == jan["ID"]], "umeta_id")
    assert changed == {"wp_users": [jan["ID"]], "wp_usermeta": jans_meta, "wp_posts": [],
                       "wp_comments": jans_comments}
    erased = {(e["table"], e["action"]): e["rows"] for e in outcome.result["erased"]}
    assert erased == {("website.wp_users", "mask"): 1, ("website.wp_usermeta", "delete"): len(jans_meta),
                      ("website.wp_comments", "mask"): len(jans_comments)}
    kept = {(k["table"], k["activity"]) for k in outcome.result["kept"]}
    assert ("website.wp_posts", "publication") in kept and ("website.wp_comments", "publication") in kept
    with wp_workspace.store.session() as session:
        ledger = session.execute(select(ErasureLedgerEntry.table_name, ErasureLedgerEntry.row_count,
                                        ErasureLedgerEntry.identity_hash)).all()
    jan_hash = identity_hash(KEY, "email", JAN)
    assert sorted(ledger) == sorted([("wp_users", 1, jan_hash), ("wp_usermeta", len(jans_meta), jan_hash),
                                     ("wp_comments", len(jans_comments), jan_hash)])


def test_sweep_empties_commenters_ip_and_browser_six_months_after_the_comment(
    wp_workspace: Workspace, wp_site: WordPressSite
) -> None:
    url = _url(wp_workspace)
    before = snapshot(url)
    due = sorted(cid for cid, c in before["wp_comments"].items()
                 if _moment(c["comment_date_gmt"]) <= SIX_MONTHS_BEFORE_NOW)
    assert 0 < len(due) < len(before["wp_comments"])
    report = run_sweep(wp_workspace, now=wp_site.now)
    after = snapshot(url)
    assert report.rows == len(due)
    for cid, was in before["wp_comments"].items():
        now = after["wp_comments"][cid]
        expected = {**was, "comment_author_IP": "", "comment_agent": ""} if cid in due else was
        assert now == expected, cid  # name, e-mail, URL and text stay: comments keep them
    assert {t: after[t] for t in ("wp_users", "wp_usermeta", "wp_posts")} == {
        t: before[t] for t in ("wp_users", "wp_usermeta", "wp_posts")}
    assert run_sweep(wp_workspace, now=wp_site.now).rows == 0
    assert snapshot(url) == after


def test_sweep_leaves_a_restricted_commenter_alone(wp_workspace: Workspace, wp_site: WordPressSite) -> None:
    url = _url(wp_workspace)
    restricted = run_request(wp_workspace, "restrict", Identity("email", FENNA), restrict_fulfilment(reason="betwist"),
                             now=wp_site.now)
    assert restricted.status == "completed"
    before = read_rows(url, "wp_comments")
    hers = _ids(wp_site.comments_by(FENNA), "comment_ID")
    old_one = [cid for cid in hers if _moment(before[cid]["comment_date_gmt"]) <= SIX_MONTHS_BEFORE_NOW]
    assert len(old_one) == 1  # her comment of 400 days ago is due; Art. 18 pauses it
    report = run_sweep(wp_workspace, now=wp_site.now)
    after = read_rows(url, "wp_comments")
    assert report.skipped_persons == 1
    assert after[old_one[0]] == before[old_one[0]]
    others_due = [cid for cid, c in before.items()
                  if cid not in hers and _moment(c["comment_date_gmt"]) <= SIX_MONTHS_BEFORE_NOW]
    assert report.rows == len(others_due) and all(after[cid]["comment_author_IP"] == "" for cid in others_due)


def test_erased_people_stay_erased_after_restoring_a_backup(wp_workspace: Workspace, wp_site: WordPressSite) -> None:
    url, since = _url(wp_workspace), datetime(2000, 1, 1, tzinfo=UTC)
    _erase(wp_workspace, wp_site, JAN)
    _erase(wp_workspace, wp_site, FENNA)
    run_sweep(wp_workspace, now=wp_site.now)
    erased = snapshot(url)
    restore_backup(url, wp_site)  # last week's backup: everyone is back
    restored = snapshot(url)
    assert restored["wp_users"][wp_site.user(JAN)["ID"]]["user_email"] == JAN
    report = replay_erasures(wp_workspace, since)
    replayed = snapshot(url)
    theirs = {"wp_users": [wp_site.user(JAN)["ID"]],
              "wp_comments": _ids(wp_site.comments_by(JAN) + wp_site.comments_by(FENNA), "comment_ID")}
    for table, keys in theirs.items():
        assert {k: replayed[table][k] for k in keys} == {k: erased[table][k] for k in keys}
    assert replayed["wp_usermeta"] == erased["wp_usermeta"]
    assert report.rows == sum(1 for t in restored for k, row in restored[t].items() if replayed[t].get(k) != row)
    # The sweep's steps emptied IP addresses without erasing an identity: its entries name no one,
    # and the report says to sweep again, which ends exactly where the erasures and sweep ended.
    assert report.without_identity > 0
    run_sweep(wp_workspace, now=wp_site.now)
    assert snapshot(url) == erased
    assert replay_erasures(wp_workspace, since).rows == 0
