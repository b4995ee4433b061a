"""The paged list of people on the people page."""
from __future__ import annotations

from gridapp.services import people
from gridapp.services.actor import Actor
from ui.models.households import CountingTableModel, sort_query


class PersonTableModel(CountingTableModel):
    """People in the actor's scope, filtered, sorted and paged in by the people service."""

    def __init__(self, actor: Actor, parent=None):
        columns = [
            (self.tr("Name"), "name", "name"),
            (self.tr("Sex"), "sex"),
            (self.tr("Age"), "age", "-birth_date"),
            (self.tr("ID number"), lambda r: self._revealed.get(r.id, (r.id_masked, None))[0]),
            (self.tr("Phone"), lambda r: self._revealed.get(r.id, (None, r.phone_masked))[1]),
            (self.tr("Household no."), "household_number", "household"),
            (self.tr("Village"), "village_name", "village"),
            (self.tr("Grid"), "grid_name"),
            (self.tr("Status"), "residence"),
            (self.tr("Tags"), "tags"),
        ]
        super().__init__(columns,
                         count_fn=lambda q: people.count(actor, q),
                         count_up_to_fn=lambda q, n: people.count(actor, q, up_to=n),
                         page_fn=lambda q, offset, limit: people.page(actor, q, offset=offset, limit=limit),
                         parent=parent, with_sort=sort_query)
        self._revealed: dict[int, tuple[str, str]] = {}

    def set_query(self, query) -> None:
        self._revealed.clear()
        super().set_query(query)

    def reveal(self, person_id: int, id_number: str | None, phone: str | None) -> None:
        """Show one person's full ID number and phone (after people.reveal wrote the audit row)."""
        row = self.find_row(lambda r: r.id == person_id)
        if row < 0:
            return
        self._revealed[person_id] = (id_number or "", phone or "")
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
