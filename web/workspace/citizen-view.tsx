import { useEffect, useRef } from 'react';
import type { RestrictedParts } from '../shared/session.ts';
import { ChangesInProgress, ReviewsToMake } from './changes.tsx';
import { gapsUnder, type Gap } from './gaps.ts';
import { formatBenefit, formatDate, formatDateTime, formatEnum, formatMoney, formatNino } from './format.ts';
import type { Address, CitizenRecord } from './queries.ts';
import { Timeline, type LoadOlderEvents } from './timeline.tsx';
import { GapNotice, Section, SummaryList, Table } from './ui.tsx';

const ROOT = 'citizen';

function AddressLines({ address }: { readonly address: Address | null }) {
  if (!address) return <>None recorded</>;
  return (
    <>
      {[...address.lines, address.postTown, address.postcode].map((line, index) => (
        <span className="address-line" key={index}>
          {line}
        </span>
      ))}
    </>
  );
}

/** What a withheld part of a restricted record says instead of its details. */
const WITHHELD = 'Withheld: restricted record';

/**
 * The whole citizen and their household on one screen: each part from the one answer, each
 * gap labelled with the system that failed, a restricted record's withheld parts said to be
 * withheld (not "none"), each relative a link to their own record, and the citizen's story
 * (what is still to happen, what has happened) for those who may follow it.
 */
export function CitizenView({ record, gaps, parts, onOpen, loadOlderEvents }: { readonly record: CitizenRecord; readonly gaps: readonly Gap[]; readonly parts: RestrictedParts; readonly onOpen: (nino: string) => void; readonly loadOlderEvents: LoadOlderEvents }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new record replaces the page's content: take keyboard and screen-reader focus to it.
  useEffect(() => heading.current?.focus(), [record.nino]);
  const withheld = record.restricted === true && record.contact === null;
  const at = (...fields: string[]) => gapsUnder(gaps, ...fields.map((field) => [ROOT, field]));
  const identityGaps = at('name', 'dateOfBirth', 'dateOfDeath', 'deceased', 'sex', 'preferredLanguage', 'restricted');

  return (
    <article aria-labelledby="citizen-heading">
      <span className="govuk-caption-l">{formatNino(record.nino)}</span>
      <h2 className="govuk-heading-l" id="citizen-heading" tabIndex={-1} ref={heading}>
        {record.name?.fullName ?? 'Name not available'}
        {record.deceased ? <strong className="govuk-tag govuk-tag--grey heading-tag">Deceased</strong> : null}
      </h2>
      {record.restricted ? (
        <div className="govuk-notification-banner" role="region" aria-labelledby="restricted-title">
          <div className="govuk-notification-banner__header">
            <h3 className="govuk-notification-banner__title" id="restricted-title">
              Restricted record
            </h3>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-body">{withheld ? 'This citizen’s address and contact details are withheld. Only staff cleared for restricted records (records:restricted) can see them.' : 'This citizen’s address and contact details are protected. Do not disclose them.'}</p>
          </div>
        </div>
      ) : null}

      <Section id="personal" title="Personal details" gaps={identityGaps}>
        <SummaryList
          rows={[
            ['Date of birth', formatDate(record.dateOfBirth)],
            ...(record.dateOfDeath ? ([['Date of death', formatDate(record.dateOfDeath)]] as const) : []),
            ['Sex', formatEnum(record.sex)],
            ['Preferred language', formatEnum(record.preferredLanguage)],
          ]}
        />
      </Section>

      <Section id="contact" title="Contact details" gaps={at('contact')}>
        {withheld ? <p className="govuk-body">{WITHHELD}</p> : record.contact ? <SummaryList rows={[['Phone', record.contact.phone ?? 'None'], ['Mobile', record.contact.mobile ?? 'None'], ['Email', record.contact.email ?? 'None']]} /> : null}
      </Section>

      <Section id="addresses" title="Addresses" gaps={at('currentAddress', 'correspondenceAddress', 'addressHistory')}>
        {withheld ? (
          <p className="govuk-body">{WITHHELD}</p>
        ) : (
          <>
            <SummaryList
              rows={[
                ['Current address', <AddressLines key="current" address={record.currentAddress} />],
                ['Correspondence address', record.correspondenceAddress ? <AddressLines key="correspondence" address={record.correspondenceAddress} /> : 'Same as current'],
              ]}
            />
            {record.addressHistory?.length ? (
              <Table caption="Address history" captionStyle="s" headers={['Address', 'Type', 'From', 'To']}>
                  {record.addressHistory.map((spell, index) => (
                    <tr className="govuk-table__row" key={index}>
                      <td className="govuk-table__cell">{[...spell.address.lines, spell.address.postTown, spell.address.postcode].join(', ')}</td>
                      <td className="govuk-table__cell">{formatEnum(spell.type)}</td>
                      <td className="govuk-table__cell">{formatDate(spell.from)}</td>
                      <td className="govuk-table__cell">{spell.to ? formatDate(spell.to) : 'Now'}</td>
                    </tr>
                  ))}
                </Table>
            ) : null}
          </>
        )}
      </Section>

      <Section id="awards" title="Awards and payments" gaps={at('awards')}>
        {record.awards?.some((award) => award !== null) ? (
          <Table caption="Awards, with next and recent payments" captionStyle="hidden" headers={['Benefit', 'Status', 'Amount', 'Next payment', 'Recent payments']}>
              {record.awards!.map((award, index) =>
                award ? (
                  <tr className="govuk-table__row" key={index}>
                    <th scope="row" className="govuk-table__header">
                      {formatBenefit(award.benefit)}
                      {award.components.length ? <span className="components">{award.components.map((component) => [formatEnum(component.kind), formatEnum(component.rate)].filter(Boolean).join(', ')).join('; ')}</span> : null}
                    </th>
                    <td className="govuk-table__cell">{formatEnum(award.status)}</td>
                    <td className="govuk-table__cell">{award.amount ? `${formatMoney(award.amount)} ${formatEnum(award.paymentFrequency).toLowerCase()}` : ''}</td>
                    <td className="govuk-table__cell">{award.nextPayment ? `${formatMoney(award.nextPayment.amount)} on ${formatDate(award.nextPayment.date)}` : <GapOrNone gaps={gapsUnder(gaps, [ROOT, 'awards', index, 'nextPayment'])} />}</td>
                    <td className="govuk-table__cell">
                      {award.recentPayments?.length ? (
                        <ul className="govuk-list">
                          {award.recentPayments.map((payment) => (
                            <li key={payment.date}>
                              {formatMoney(payment.amount)} on {formatDate(payment.date)}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <GapOrNone gaps={gapsUnder(gaps, [ROOT, 'awards', index, 'recentPayments'])} />
                      )}
                    </td>
                  </tr>
                ) : null,
              )}
            </Table>
        ) : at('awards').length ? null : (
          <p className="govuk-body">No awards.</p>
        )}
      </Section>

      <Section id="bank" title="Bank account" gaps={at('bankAccount')}>
        {record.bankAccount ? (
          <SummaryList
            rows={[
              ['Account holder', record.bankAccount.accountHolderName],
              ['Sort code', record.bankAccount.sortCode],
              ['Account number', record.bankAccount.masked ? <span key="masked">{record.bankAccount.accountNumber} <span className="govuk-hint inline-hint">(masked)</span></span> : record.bankAccount.accountNumber],
              ['Account type', formatEnum(record.bankAccount.accountType)],
              ...(record.bankAccount.rollNumber ? ([['Roll number', record.bankAccount.rollNumber]] as const) : []),
            ]}
          />
        ) : at('bankAccount').length ? null : (
          <p className="govuk-body">No bank account held.</p>
        )}
      </Section>

      <Section id="household" title="Household and relationships" gaps={at('relationships')}>
        {record.relationships?.length ? (
          <Table caption="People this citizen is related to" captionStyle="hidden" headers={['Relationship', 'Name', 'Date of birth', 'Benefits', 'Since']}>
              {record.relationships.map((relative, index) => (
                <tr className="govuk-table__row" key={index}>
                  <td className="govuk-table__cell">{formatEnum(relative.type)}</td>
                  <th scope="row" className="govuk-table__header">
                    {relative.citizen ? (
                      <a
                        className="govuk-link"
                        href={`#citizen=${relative.citizen.nino}`}
                        onClick={(event) => {
                          event.preventDefault();
                          onOpen(relative.citizen!.nino);
                        }}
                      >
                        {relative.citizen.name?.fullName ?? formatNino(relative.citizen.nino)}
                      </a>
                    ) : (
                      <GapOrNone gaps={gapsUnder(gaps, [ROOT, 'relationships', index])} />
                    )}
                    {relative.citizen?.deceased ? ' (deceased)' : ''}
                  </th>
                  <td className="govuk-table__cell">{formatDate(relative.citizen?.dateOfBirth)}</td>
                  <td className="govuk-table__cell">
                    {relative.citizen?.awards
                      ?.filter((award) => award !== null)
                      .map((award) => formatBenefit(award.benefit))
                      .join(', ')}
                  </td>
                  <td className="govuk-table__cell">{formatDate(relative.from)}</td>
                </tr>
              ))}
            </Table>
        ) : at('relationships').length ? null : (
          <p className="govuk-body">No relationships recorded.</p>
        )}
      </Section>

      {parts.reviews ? <ReviewsToMake tasks={record.reviewTasks} gaps={at('reviewTasks')} /> : null}
      {parts.story ? (
        <>
          <ChangesInProgress changes={record.changes} contact={record.contact} gaps={at('changes')} />
          <Timeline newest={record.events} gaps={gaps} loadOlder={loadOlderEvents} />
        </>
      ) : (
        <Section id="timeline" title="What has happened" gaps={[]}>
          <p className="govuk-body">Only the citizen and caseworkers can follow a citizen’s changes and timeline here.</p>
        </Section>
      )}

      <Section id="access-history" title="Who has looked at this record" gaps={at('accessHistory')}>
        {parts.accessHistory && record.accessHistory ? (
          <Table caption="Recent accesses, newest first" captionStyle="hidden" headers={['When', 'Organisation', 'Role', 'Purpose']}>
              {record.accessHistory.accesses.map((access, index) => (
                <tr className="govuk-table__row" key={index}>
                  <td className="govuk-table__cell">{formatDateTime(access.at)}</td>
                  <td className="govuk-table__cell">{access.organisation}</td>
                  <td className="govuk-table__cell">{formatEnum(access.role)}</td>
                  <td className="govuk-table__cell">{access.purpose ?? ''}</td>
                </tr>
              ))}
            </Table>
        ) : (
          <p className="govuk-body">Only the citizen can see who has looked at their record here; auditors search the access audit.</p>
        )}
      </Section>
    </article>
  );
}

/** In a table cell: the gap's label when a system failed there, otherwise "None". */
function GapOrNone({ gaps }: { readonly gaps: readonly Gap[] }) {
  return gaps.length ? <GapNotice gaps={gaps} what="This" /> : <>None</>;
}
