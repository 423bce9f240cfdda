"""Spike detection: fires at N incidents within M minutes, not at N−1; one proposal per spike (the most
specific dimension, late incidents joining it); a draft bulletin and a note for every team lead."""

from datetime import datetime, timedelta

from sqlalchemy import select

from console.api import DomainEvent, utcnow
from plugins.crisis_bulletin import problems
from plugins.crisis_bulletin.models import Bulletin, IncidentSignal, Spike
from plugins.crisis_bulletin.spikes import detect_spikes, record_incident
from plugins.incidents import service as incidents
from tests.plugins import unique
from tests.plugins.crisis_bulletin.conftest import notes


def created(app, opened: datetime, category: str, product: str | None = None, model: str | None = None) -> str:
    number = unique("INC-2026-")
    app.publish(DomainEvent("incidents.incident_created", {
        "number": number, "category": category, "product": product, "asset_model": model,
        "opened_at": opened.isoformat()}))
    return number


def spike_of(app, number):
    with app.session() as session:
        problem = problems.load(session, number)
        spike = session.scalar(select(Spike).where(Spike.problem_id == problem.id))
        return problem, spike, problems.linked_incidents(session, problem.id)


def test_n_minus_one_incidents_are_no_spike_and_the_nth_fires(app, setting, make_actor, events):
    setting("crisis_bulletin.spike_count", 4)
    setting("crisis_bulletin.spike_minutes", 30)
    lead = make_actor("team_lead")
    category = unique("打印机 ")
    start = utcnow() - timedelta(minutes=40)
    first = [created(app, start + timedelta(minutes=n * 9), category) for n in range(3)]  # 18 minutes apart
    assert not [n for n in detect_spikes(app) if category in spike_of(app, n)[0].title]
    last = created(app, start + timedelta(minutes=29), category)  # the 4th, 29 minutes after the 1st
    (number,) = [n for n in detect_spikes(app) if category in spike_of(app, n)[0].title]
    problem, spike, linked = spike_of(app, number)
    assert (problem.status, problem.urgency, problem.source, problem.category) == ("identified", "high", "spike",
                                                                                   category)
    assert linked == [*first, last] and (spike.dimension, spike.value, spike.incidents) == ("category", category, 4)
    with app.session() as session:
        draft = session.get(Bulletin, spike.bulletin_id)
    assert (draft.status, draft.problem_id, draft.source) == ("draft", problem.id, "spike")
    assert last in draft.body
    assert notes(app, lead.user_id)[-1].link == f"crisis_bulletin.problems#{number}"
    (event,) = [e for e in events if e.name == "crisis_bulletin.spike_detected"]
    assert event.payload == {"problem": number, "dimension": "category", "value": category,
                             "incidents": [*first, last]}
    assert detect_spikes(app) == []  # nothing new: no second proposal


def test_incidents_spread_wider_than_the_window_are_no_spike(app, setting):
    setting("crisis_bulletin.spike_count", 3)
    setting("crisis_bulletin.spike_minutes", 10)
    category = unique("网络 ")
    start = utcnow() - timedelta(hours=2)
    for n in range(6):
        created(app, start + timedelta(minutes=11 * n), category)
    assert not [n for n in detect_spikes(app) if category in spike_of(app, n)[0].title]


def test_one_burst_is_one_proposal_on_its_most_specific_dimension_and_late_incidents_join_it(app, setting):
    setting("crisis_bulletin.spike_count", 3)
    setting("crisis_bulletin.spike_minutes", 60)
    category, product, model = unique("存储 "), unique("OceanStor "), unique("5310-")
    start = utcnow() - timedelta(minutes=30)
    burst = [created(app, start + timedelta(minutes=n), category, product, model) for n in range(3)]
    ours = [n for n in detect_spikes(app) if model in spike_of(app, n)[0].title]
    assert len(ours) == 1
    problem, spike, linked = spike_of(app, ours[0])
    assert (spike.dimension, problem.models, problem.products) == ("asset_model", model, product)
    late = created(app, start + timedelta(minutes=20), category, product, model)
    other_model = [created(app, start + timedelta(minutes=21 + n), category, product, unique("5510-"))
                   for n in range(2)]
    again = [n for n in detect_spikes(app) if product in spike_of(app, n)[0].title or
             category in spike_of(app, n)[0].title]
    assert again == []  # the two of another model plus nothing unexplained: below 3 on product and category
    problem, spike, linked = spike_of(app, ours[0])
    assert linked == [*burst, late] and spike.incidents == 4
    created(app, start + timedelta(minutes=25), category, product, unique("5610-"))
    (product_spike,) = [n for n in detect_spikes(app) if product in spike_of(app, n)[0].title]
    assert spike_of(app, product_spike)[2][:2] == other_model


def test_repeated_or_incomplete_events_are_counted_once_or_not_at_all(app):
    number = unique("INC-2026-")
    event = DomainEvent("incidents.incident_created", {"number": number, "category": "终端 PC",
                                                       "opened_at": utcnow().isoformat()})
    assert record_incident(app, event) is True
    assert record_incident(app, event) is False
    assert record_incident(app, DomainEvent("incidents.incident_created", {"number": unique()})) is False
    odd = unique("INC-2026-")
    assert record_incident(app, DomainEvent("incidents.incident_created", {
        "number": odd, "category": "终端 PC", "opened_at": "yesterday"}, at=utcnow())) is True
    with app.session() as session:
        assert session.scalar(select(IncidentSignal.category).where(IncidentSignal.incident_ref == number)) == "终端 PC"


def test_real_incidents_feed_spike_detection(app, admin, reference, setting):
    setting("crisis_bulletin.spike_count", 2)
    category = unique("服务器 ")
    numbers = [incidents.create_incident(app, admin, title="服务器电源模块故障", customer_id=reference.customer_id,
                                         category=category) for _ in range(2)]
    proposed = [n for n in detect_spikes(app) if spike_of(app, n)[2] == numbers]
    assert len(proposed) == 1


def test_two_runners_at_once_propose_a_spike_once(app, setting):
    import threading

    setting("crisis_bulletin.spike_count", 3)
    category = unique("并发 ")
    start = utcnow() - timedelta(minutes=10)
    for n in range(3):
        created(app, start + timedelta(minutes=n), category)
    found, errors = [], []

    def run():
        try:
            found.extend(n for n in detect_spikes(app) if category in spike_of(app, n)[0].title)
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(found) == 1
