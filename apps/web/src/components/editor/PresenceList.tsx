'use client';

import { initials } from '@/lib/identity';
import type { Person } from './use-presence';

/** `onEditSelf`: a guest may change the name and colour it shows; an account shows its account's name. */
export function PresenceList({ people, onEditSelf }: { people: Person[]; onEditSelf?: () => void }) {
  return (
    <div className="presence">
      <ul className="presence-list" aria-label={`People here: ${people.length}`} data-testid="presence">
        {people.map((person) => (
          <li key={person.clientId} className="presence-item" data-self={person.self || undefined}>
            {person.self && onEditSelf ? (
              <button
                type="button"
                className="presence-person"
                onClick={onEditSelf}
                title={`${person.name} (you): change your name or colour`}
              >
                <Avatar person={person} />
                <span className="presence-name">
                  {person.name} <span className="presence-you">(you)</span>
                </span>
              </button>
            ) : (
              <span className="presence-person" title={person.name}>
                <Avatar person={person} />
                <span className="presence-name">{person.name}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Avatar({ person }: { person: Person }) {
  return (
    <span className="avatar" style={{ backgroundColor: person.color }} aria-hidden="true">
      {initials(person.name)}
    </span>
  );
}
