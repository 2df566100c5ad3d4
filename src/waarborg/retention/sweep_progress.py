"""A progress bar for sweeps on a terminal (rich), one task per table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from .exclusions import Exclusions
from .plan import plan_sweep
from .steps import TableSteps

if TYPE_CHECKING:
    from waarborg.workspace import Workspace


@dataclass
class ProgressDisplay:
    progress: Progress
    tasks: dict[tuple[str, str], TaskID]

    @classmethod
    def start(cls, workspace: Workspace, now: datetime, exclusions: Exclusions) -> ProgressDisplay:
        """Count the work first (a dry run), then show one bar per table with something to do."""
        plan = plan_sweep(workspace.register, workspace.connections(), now, exclusions)
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        tasks = {
            (t.system, t.table): progress.add_task(f"{t.system}.{t.table}", total=t.rows)
            for t in plan.tables if t.rows
        }
        progress.start()
        return cls(progress, tasks)

    def advance(self, target: TableSteps, rows: int) -> None:
        task = self.tasks.get((target.system, target.table))
        if task is not None:
            self.progress.advance(task, rows)

    def stop(self) -> None:
        self.progress.stop()
