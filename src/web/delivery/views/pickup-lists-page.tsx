/**
 * The staff's lists per pickup point (issue 12 §3): each point's slots for the weeks ahead, how
 * many places are booked of how many, and the orders to hand over in each, linked to their page.
 */
import type { StaffSlot } from '../../../delivery/service.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import type { PointRef } from '../../../shops/profile/delivery-zone-rules.ts';
import { slotText } from '../../checkout/views/delivery-facts.tsx';

type Props = { lang: Lang; shopSlug: string; timeZone: string; weeks: number; lists: readonly { point: PointRef; slots: readonly StaffSlot[] }[]; csrf: string };

export function PickupListsPage({ lang, shopSlug, timeZone, weeks, lists, csrf }: Props) {
  return (
    <>
      <h1>{t(lang, 'delivery.staff.title')}</h1>
      <p>{t(lang, 'delivery.staff.intro', { weeks })}</p>
      {lists.map(({ point, slots }) => (
        <section aria-labelledby={`point-${point.id}`}>
          <h2 id={`point-${point.id}`}>
            {point.point.name}
            {point.point.address && <span class="muted"> — {point.point.address.line1}, {point.point.address.postalCode} {point.point.address.city}</span>}
          </h2>
          {slots.length === 0 ? (
            <p>{t(lang, 'delivery.staff.noSlots')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'delivery.staff.slot')}</th>
                  <th scope="col">{t(lang, 'delivery.staff.filled')}</th>
                  <th scope="col">{t(lang, 'delivery.staff.orders')}</th>
                  <th scope="col">{t(lang, 'delivery.staff.action')}</th>
                </tr>
              </thead>
              <tbody>
                {slots.map((s) => (
                  <tr id={`slot-${s.id}`}>
                    <th scope="row">
                      {slotText(lang, s, timeZone)}
                      {s.closed && ` (${t(lang, 'delivery.staff.closed')}${s.closedReason ? ` : ${s.closedReason}` : ''})`}
                    </th>
                    <td>{s.taken} / {s.capacity}</td>
                    <td>
                      {s.orders.length > 0 && (
                        <ul>
                          {s.orders.map((o) => (
                            <li><a href={`/shops/${shopSlug}/staff/orders/${o.id}`}>{o.number}</a> — {o.customer}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <form method="post" action={`/shops/${shopSlug}/staff/pickup-slots/${s.id}/${s.closed ? 'reopen' : 'close'}`}>
                        <input type="hidden" name="_csrf" value={csrf} />
                        {!s.closed && (
                          <>
                            <label for={`f-reason-${s.id}`}>{t(lang, 'delivery.staff.reason')}</label>{' '}
                            <input id={`f-reason-${s.id}`} name="reason" maxlength={200} />{' '}
                          </>
                        )}
                        <button type="submit">{t(lang, s.closed ? 'delivery.staff.reopen' : 'delivery.staff.close')}</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
