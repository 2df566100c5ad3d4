"""The retention forecast counts what the sweep's own plan counts, month by month."""

from __future__ import annotations

from web_support import NOW

from waarborg.office.forecast import forecast_retention, month_boundaries
from waarborg.retention.plan import plan_sweep
from waarborg.workspace import Workspace


def test_forecast_agrees_with_the_sweep_plan_at_now_and_at_the_last_boundary(workspace: Workspace) -> None:
    register, connections = workspace.register, workspace.connections()
    forecast = forecast_retention(register, connections, NOW)
    bounds = month_boundaries(NOW)
    assert [m.month for m in forecast.months][:2] == ["2026-03", "2026-04"] and len(forecast.months) == 12
    assert forecast.due_now == plan_sweep(register, connections, bounds[0]).rows
    by_end = plan_sweep(register, connections, bounds[-1]).rows
    assert forecast.due_now + sum(m.rows for m in forecast.months) == by_end
    assert by_end > forecast.due_now  # the demo has retention falling due in the coming year
    middle = plan_sweep(register, connections, bounds[6]).rows
    assert forecast.due_now + sum(m.rows for m in forecast.months[:6]) == middle
