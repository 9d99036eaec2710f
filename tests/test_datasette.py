"""Datasette, which analysts already use to browse SQLite data, opens a frontwire store as it is
and finds its full-text index (Datasette's own app, driven in-process through its ASGI client)."""

from __future__ import annotations

import asyncio

from frontwire.model import Article
from frontwire.store.repository import Store

STORIES = {
    "https://example.test/news/drone": ("Drone strike on a fuel depot",
                                        "A drone struck a fuel depot outside Kherson on Tuesday, the regional governor "
                                        "said, starting a fire that burned through the night."),
    "https://example.test/news/protest": ("Teachers march in the capital",
                                          "Several thousand teachers marched through Niamey on Monday demanding unpaid "
                                          "wages, union leaders said."),
}


def _store(path, pipeline) -> None:
    with Store(f"sqlite:///{path}") as store:
        for url, (title, body) in STORIES.items():
            store.save(pipeline(Article(text=body, title=title, url=url, source=url)))


def _get(datasette, path: str):
    async def fetch():
        response = await datasette.client.get(path)
        return response.status_code, response.json()

    return asyncio.run(fetch())


def test_datasette_opens_the_store_and_searches_its_full_text_index(tmp_path):
    from datasette.app import Datasette

    from frontwire.pipeline import Pipeline

    path = tmp_path / "store.db"
    _store(path, Pipeline(components=["clean"]))
    datasette = Datasette([str(path)])
    status, tables = _get(datasette, "/store.json")
    assert status == 200, tables
    by_name = {table["name"]: table for table in tables["tables"]}
    assert by_name["articles"]["fts_table"] == "articles_fts"
    assert by_name["articles"]["count"] == 2
    status, found = _get(datasette, "/store/articles.json?_search=fuel+depot&_shape=array&_col=title")
    assert status == 200, found
    assert [row["title"] for row in found] == ["Drone strike on a fuel depot"]
    status, none = _get(datasette, "/store/articles.json?_search=earthquake&_shape=array")
    assert status == 200 and none == []
