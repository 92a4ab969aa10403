"""The follow-up at the start of a session: the last session's open action items, reviewed.

``apply(review, into)`` acts on what the facilitator marked: an item carried over goes on
in the new session as a new item linked to it (``carried_from``, and ``from_session`` for
the session), so that reports count the pair once; every reviewed session whose items
changed gets a new revision (it is a stored record: ``ccfacil.sessions.revisions``) and is
returned, to be saved.  Items left as they were change nothing.

``ccfacil.sessionstart.to_review(repo, run)`` says what is reviewed: the open items of the site's last session
(``ccfacil.storage.repository.open_actions``: conflict copies, empty sessions and the
running session itself passed over); nothing without a site code.  ``SessionRun.carry_over``
is how the running session takes the facilitator's answers.
"""

from __future__ import annotations

from ccfacil.sessions.revisions import revise
from ccfacil.sessions.session import ActionItem, ActionStatus, SessionRecord

Review = list[tuple[SessionRecord, ActionItem]]


def apply(review: Review, into: SessionRecord) -> list[SessionRecord]:
    """Carry items into ``into``; the reviewed sessions that changed, revised, to save."""
    changed: dict[str, SessionRecord] = {}
    carried = {item.carried_from for item in into.actions}
    for record, item in review:
        if item.status is ActionStatus.OPEN:
            continue
        changed[record.id] = record
        if item.status is ActionStatus.CARRIED and item.id not in carried:
            into.actions.append(ActionItem(item.what, item.role, item.due,
                                           from_session=record.id, carried_from=item.id))
            carried.add(item.id)
    for record in changed.values():
        revise(record)
    return list(changed.values())
