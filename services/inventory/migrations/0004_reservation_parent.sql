-- A reservation may draw its units from another OPEN reservation (a flash sale's set-aside) instead
-- of from available stock: the child remembers its parent so that releasing it gives the units back
-- to the parent while the parent is OPEN (to available stock otherwise). stock.reserved is still the
-- sum of the OPEN reservations' lines: a draw moves units from the parent's lines to the child's.
alter table reservations add column parent_order_id uuid references reservations (order_id);
