-- A committed reservation whose order was cancelled before shipping goes back on hand: RESTOCKED
-- (COMMITTED -> RESTOCKED, src/domain/reservation.ts).
alter table reservations drop constraint reservations_status_known;
alter table reservations
  add constraint reservations_status_known check (status in ('open', 'committed', 'released', 'restocked'));
