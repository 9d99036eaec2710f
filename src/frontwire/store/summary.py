"""What a store holds, in a few lines: articles, near-duplicates, incidents, events by sub-event type, outlets."""

from __future__ import annotations

from sqlalchemy import func, select

from . import tables
from .database import display_url


def summary_lines(store) -> list[str]:
    articles, events, outlets = tables.articles, tables.events, tables.outlets
    with store.engine.connect() as connection:
        n_articles = connection.execute(select(func.count()).select_from(articles)).scalar_one()
        n_history = connection.execute(select(func.count()).select_from(tables.article_history)).scalar_one()
        n_copies, n_firsts = connection.execute(
            select(func.count(articles.c.duplicate_of), func.count(articles.c.duplicate_of.distinct()))).one()
        n_incidents, n_told_by_several = connection.execute(
            select(func.count(), func.count().filter(tables.incidents.c.n_outlets >= 2))
            .select_from(tables.incidents)).one()
        by_type = connection.execute(
            select(events.c.sub_event_type, func.count().label("n")).group_by(events.c.sub_event_type)
            .order_by(func.count().desc(), events.c.sub_event_type)).all()
        by_outlet = connection.execute(
            select(func.coalesce(outlets.c.name, outlets.c.key), outlets.c.state_affiliated, func.count(articles.c.seq))
            .join(articles, articles.c.outlet_id == outlets.c.id, isouter=True)
            .group_by(outlets.c.id, outlets.c.name, outlets.c.key, outlets.c.state_affiliated)
            .order_by(func.count(articles.c.seq).desc(), outlets.c.key)).all()
    lines = [f"{display_url(store.engine)}: {n_articles} articles ({n_history} earlier versions kept), "
             f"{sum(n for _, n in by_type)} events"]
    lines.append(f"duplicates: {_counted(n_copies, 'near-duplicate', 'near-duplicates')} of "
                 f"{_counted(n_firsts, 'first copy', 'first copies')}, "
                 f"{_counted(n_articles - n_copies, 'distinct story', 'distinct stories')}")
    lines.append(f"incidents: {n_incidents}, {n_told_by_several} of them told by two outlets or more "
                 f"(`frontwire incidents --min-outlets 2`)")
    lines.append("events by sub-event type:")
    lines += [f"  {n:4d}  {sub_event_type}" for sub_event_type, n in by_type] or ["  (none)"]
    lines.append(f"outlets ({len(by_outlet)}):")
    lines += [f"  {n:4d}  {name}" + (" (state-affiliated)" if state == "yes" else "")
              for name, state, n in by_outlet] or ["  (none)"]
    return lines


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
