"""Navigation links are sorted by a joined key (faster than comparing tuples): the order
must be the dataclass's own, field by field, whatever the URLs share as prefixes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from linkpolicy.site.model import NavLink, nav_sorted

# URLs built from few characters, so that prefixes, equal parts and separators meet often
_URL = st.text(alphabet="/-a0.~", max_size=6)
_LINK = st.builds(NavLink, _URL, _URL, st.sampled_from(["sidebar", "prev-next", "menu", "menus"]))


@given(st.lists(_LINK, max_size=40))
def test_navigation_links_sort_as_their_fields_compare(links: list[NavLink]) -> None:
    assert nav_sorted(links) == sorted(links)


def test_a_shorter_url_sorts_before_one_it_starts() -> None:
    links = [NavLink("/a/b", "/", "menu"), NavLink("/a", "/z", "menu"), NavLink("/a-", "/", "menu")]
    assert nav_sorted(links) == [
        NavLink("/a", "/z", "menu"),
        NavLink("/a-", "/", "menu"),
        NavLink("/a/b", "/", "menu"),
    ]
