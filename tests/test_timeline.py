"""plot_timeline, tested through matplotlib's object model (matplotcheck style), not pixels."""

from __future__ import annotations

import csv
import datetime as dt
from itertools import combinations
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from kzsi_helpers import DataError, load, plot_timeline  # noqa: E402
from kzsi_helpers.charts.dates import event_periods  # noqa: E402
from kzsi_helpers.charts.figures import PALETTE  # noqa: E402

CSV = Path(__file__).resolve().parent.parent / "data" / "events.csv"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def raw_rows() -> list[dict[str, str]]:
    """The events as written in the CSV: expected values come from here, not from the code."""
    with CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture()
def events() -> pd.DataFrame:
    return load("events")


def event_points(ax) -> list[tuple[float, float]]:
    return [tuple(p) for c in ax.collections if c.get_gid() == "events" for p in c.get_offsets()]


def event_labels(ax) -> list:
    return [t for t in ax.texts if t.get_gid() == "event-label"]


def first_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def test_returns_axes_with_one_point_per_event(events, raw_rows) -> None:
    ax = plot_timeline(events)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert len(event_points(ax)) == len(raw_rows)


def test_labels_are_the_titles_in_table_order(events, raw_rows) -> None:
    ax = plot_timeline(events)
    assert [t.get_text() for t in event_labels(ax)] == [r["title"] for r in raw_rows]


def test_points_sit_at_their_dates(events, raw_rows) -> None:
    """Each exact date has a point at its day; each month/year date a point inside its period."""
    ax = plot_timeline(events)
    xs = sorted(x for x, _ in event_points(ax))
    for row in raw_rows:
        low = mdates.date2num(first_day(row["date"]))
        high = mdates.date2num(last_day(row["date"]))
        assert any(low <= x <= high for x in xs), row["id"]
    exact = [r for r in raw_rows if r["precision"] == "day"]
    for row in exact:
        assert mdates.date2num(first_day(row["date"])) in xs, row["id"]


def test_x_limits_cover_every_date(events, raw_rows) -> None:
    ax = plot_timeline(events)
    low, high = ax.get_xlim()
    earliest = min(first_day(r["date"]) for r in raw_rows)
    latest = max(last_day(r["end_date"] or r["date"]) for r in raw_rows)
    assert low <= mdates.date2num(earliest) and high >= mdates.date2num(latest)


def test_year_ticks(events) -> None:
    ax = plot_timeline(events)
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(ticks) >= 5
    assert all(len(t) == 4 and t.isdigit() for t in ticks), ticks
    years = [int(t) for t in ticks]
    assert years == sorted(years) and len({b - a for a, b in zip(years[:-1], years[1:], strict=True)}) == 1
    assert ax.get_xlabel() == "Year"


def test_legend_names_the_categories_present(events, raw_rows) -> None:
    ax = plot_timeline(events)
    entries = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(entries) == sorted({r["category"] for r in raw_rows})


def test_categories_have_palette_colours_and_distinct_markers(events) -> None:
    ax = plot_timeline(events)
    handles = ax.get_legend().legend_handles
    colours = [to_hex(h.get_color()) for h in handles]
    allowed = {to_hex(c) for c in PALETTE.values()}
    assert set(colours) <= allowed and len(set(colours)) == len(colours)
    markers = [h.get_marker() for h in handles]
    assert len(set(markers)) == len(markers), "colour must not be the only clue"


def test_exact_and_approximate_dates_look_different(events, raw_rows) -> None:
    ax = plot_timeline(events)
    filled = hollow = 0
    for collection in ax.collections:
        if collection.get_gid() != "events":
            continue
        faces = {to_hex(f) for f in collection.get_facecolors()}
        if faces == {"#ffffff"}:
            hollow += len(collection.get_offsets())
        else:
            filled += len(collection.get_offsets())
    assert filled == sum(r["precision"] == "day" for r in raw_rows)
    assert hollow == sum(r["precision"] != "day" for r in raw_rows)
    keys = [a for a in ax.artists if a.get_gid() == "precision-legend"]
    assert len(keys) == 1 and len(keys[0].get_texts()) == 2


def test_title_and_source_line(events) -> None:
    ax = plot_timeline(events, title="Relations", source="our table")
    assert ax.get_title(loc="left") == "Relations"
    sources = [t.get_text() for t in ax.texts if t.get_gid() == "source-line"]
    assert sources == ["Source: our table"]


def test_labels_do_not_overlap_for_the_real_table(events) -> None:
    ax = plot_timeline(events)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in event_labels(ax)]
    clashes = [(a, b) for (a, box_a), (b, box_b) in combinations(enumerate(boxes), 2)
               if box_a.overlaps(box_b)]
    assert not clashes, [(event_labels(ax)[a].get_text(), event_labels(ax)[b].get_text())
                         for a, b in clashes]
    figure_box = fig.bbox
    for box in boxes:
        assert figure_box.x0 <= box.x0 and box.x1 <= figure_box.x1


def test_labels_do_not_cover_other_markers(events) -> None:
    ax = plot_timeline(events)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    points = ax.transData.transform(event_points(ax))
    for label in event_labels(ax):
        box = label.get_window_extent(renderer)
        inside = [p for p in points if box.x0 < p[0] < box.x1 and box.y0 < p[1] < box.y1]
        assert not inside, label.get_text()


def test_categories_option_filters_and_orders(events, raw_rows) -> None:
    ax = plot_timeline(events, categories=["visit", "agreement"])
    wanted = [r for r in raw_rows if r["category"] in ("visit", "agreement")]
    assert len(event_points(ax)) == len(wanted)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["visit", "agreement"]


def test_unknown_category_option_is_a_clear_error(events) -> None:
    with pytest.raises(ValueError, match="no event has the category 'sport'"):
        plot_timeline(events, categories=["sport"])


def test_draws_on_a_given_axes(events) -> None:
    fig, ax = plt.subplots(figsize=(10, 6))
    assert plot_timeline(events, ax=ax) is ax
    assert tuple(fig.get_size_inches()) == (10, 6)


def test_a_students_extra_row_is_drawn(events) -> None:
    extra = pd.DataFrame([{"date": "2024-05", "title": "My event", "category": "economy"}])
    mine = pd.concat([events, extra], ignore_index=True)
    ax = plot_timeline(mine)
    assert len(event_points(ax)) == len(events) + 1
    assert event_labels(ax)[-1].get_text() == "My event"


def test_timestamps_are_accepted() -> None:
    table = pd.DataFrame({"date": [pd.Timestamp("2000-01-02"), pd.Timestamp("2001-03-04")],
                          "title": ["a", "b"], "category": ["visit", "visit"]})
    assert event_periods(table)["precision"].tolist() == ["day", "day"]
    assert len(event_points(plot_timeline(table))) == 2


def test_empty_frame_is_a_clear_error(events) -> None:
    with pytest.raises(DataError, match="empty"):
        plot_timeline(events.iloc[0:0])


@pytest.mark.parametrize("column", ["date", "title", "category"])
def test_missing_column_is_named(events, column) -> None:
    with pytest.raises(DataError) as info:
        plot_timeline(events.drop(columns=[column]))
    assert f"no column '{column}'" in str(info.value)


@pytest.mark.parametrize("bad", ["20 October 1992", "1992-13", "1992-02-30", "next year"])
def test_unparseable_date_names_row_and_value(events, bad) -> None:
    broken = events.copy()
    broken.loc[2, "date"] = bad
    with pytest.raises(DataError) as info:
        plot_timeline(broken)
    message = str(info.value)
    assert "row 3" in message and repr(bad) in message and events.loc[2, "title"] in message


def test_missing_date_is_a_clear_error(events) -> None:
    broken = events.copy()
    broken.loc[0, "date"] = ""
    with pytest.raises(DataError, match="has no date"):
        plot_timeline(broken)


def test_end_before_start_is_an_error(events) -> None:
    broken = events.copy()
    broken.loc[0, "end_date"] = "1990-01-01"
    with pytest.raises(DataError, match="comes before"):
        plot_timeline(broken)


def test_not_a_dataframe() -> None:
    with pytest.raises(DataError, match="DataFrame"):
        plot_timeline([{"date": "1992", "title": "x", "category": "visit"}])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("date", "end", "text"),
    [
        ("1992-10-20", "", "20 October 1992"),
        ("2002-09", None, "September 2002"),
        ("1992", "", "1992"),
        ("2002-09-23", "2002-09-24", "23–24 September 2002"),
        ("2025-03-31", "2025-04-01", "31 March – 1 April 2025"),
        ("1991-12-30", "1992-01-02", "30 December 1991 – 2 January 1992"),
    ],
)
def test_format_date_keeps_the_precision(date, end, text) -> None:
    from kzsi_helpers.charts.dates import format_date

    assert format_date(date, end) == text


def test_format_date_rejects_nonsense() -> None:
    from kzsi_helpers.charts.dates import format_date

    with pytest.raises(DataError, match="cannot read the date"):
        format_date("20/10/1992")


def test_ticks_fall_on_new_year_days_labelled_every_second_year() -> None:
    """Events from 1995 to 2026 span 32 years: a label every 2 years, a small tick every year."""
    table = pd.DataFrame({"date": ["1995-05-04", "2010", "2026-11"],
                          "title": ["first", "middle", "last"],
                          "category": ["visit", "diplomacy", "agreement"]})
    ax = plot_timeline(table, source=None)
    ax.figure.canvas.draw()
    even, odd = range(1996, 2027, 2), range(1995, 2028, 2)  # the axis runs from 1995 into 2027
    low, high = ax.get_xlim()  # only the ticks inside the axis are drawn
    shown = [tick for tick in ax.xaxis.get_major_ticks() if low <= tick.get_loc() <= high]
    assert [mdates.num2date(tick.get_loc()).date() for tick in shown] == [
        dt.date(y, 1, 1) for y in even]
    assert [tick.label1.get_text() for tick in shown] == [str(y) for y in even]
    minor = sorted(mdates.num2date(x).date() for x in ax.xaxis.get_minorticklocs()
                   if low <= x <= high)
    # matplotlib drops the minor ticks that fall on major ones
    assert minor == [dt.date(y, 1, 1) for y in odd]
