/** The roster in SQL: replaced as a whole from the roster file at start, read by Entra object id, email or role. */
import { InvalidInputError } from '../../footage/errors';
import { ROLES, type Person, type Role } from '../../footage/people';
import type { PeopleRepository, RosterReplaceResult } from '../../footage/ports/store';
import type { Executor, Row } from '../sql/executor';
import { readEnum, readOptionalString, readString, readTime, timeParam, type Clock } from '../sql/values';

function toPerson(row: Row): Person {
  const teamsId = readOptionalString(row.teams_id);
  return {
    aadObjectId: readString(row.aad_object_id),
    ...(teamsId ? { teamsId } : {}),
    name: readString(row.name),
    role: readEnum<Role>(row.role, ROLES),
    borough: readOptionalString(row.borough),
    email: readString(row.email),
  };
}

function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

function samePerson(a: Person, b: Person): boolean {
  return (
    a.name === b.name && a.role === b.role && a.borough === b.borough && a.email === b.email && a.teamsId === b.teamsId
  );
}

function assertUnique(people: readonly Person[]): void {
  const ids = new Set<string>();
  const emails = new Set<string>();
  for (const person of people) {
    if (!person.aadObjectId) throw new InvalidInputError(`roster entry "${person.name}" has no aadObjectId`);
    if (ids.has(person.aadObjectId))
      throw new InvalidInputError(`roster lists aadObjectId ${person.aadObjectId} twice`);
    const key = emailKey(person.email);
    if (emails.has(key))
      throw new InvalidInputError(
        `roster lists email ${person.email} twice (emails are Box logins and must be unique)`,
      );
    ids.add(person.aadObjectId);
    emails.add(key);
  }
}

export class SqlPeopleRepository implements PeopleRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async replaceRoster(people: readonly Person[]): Promise<RosterReplaceResult> {
    assertUnique(people);
    return this.db.transaction(async (tx) => {
      const existing = new Map(
        (await tx.query('SELECT * FROM people')).map((row) => {
          const person = toPerson(row);
          return [person.aadObjectId, person] as const;
        }),
      );
      // Delete-then-insert inside the transaction: updating row by row could trip the unique email
      // index midway when two people swap addresses.
      await tx.run('DELETE FROM people');
      const now = timeParam(this.clock());
      let added = 0;
      let changed = 0;
      for (const person of people) {
        const before = existing.get(person.aadObjectId);
        const teamsId = person.teamsId ?? before?.teamsId ?? null;
        await tx.run(
          `INSERT INTO people (aad_object_id, teams_id, name, role, borough, email, email_key, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            person.aadObjectId,
            teamsId,
            person.name,
            person.role,
            person.borough,
            person.email,
            emailKey(person.email),
            now,
          ],
        );
        if (!before) added += 1;
        else if (!samePerson(before, { ...person, ...(teamsId ? { teamsId } : {}) })) changed += 1;
      }
      const kept = new Set(people.map((person) => person.aadObjectId));
      const removed = [...existing.keys()].filter((id) => !kept.has(id)).length;
      return { total: people.length, added, changed, removed };
    });
  }

  async findByAadObjectId(aadObjectId: string): Promise<Person | undefined> {
    const rows = await this.db.query('SELECT * FROM people WHERE aad_object_id = ?', [aadObjectId]);
    return rows[0] ? toPerson(rows[0]) : undefined;
  }

  async findByEmail(email: string): Promise<Person | undefined> {
    const rows = await this.db.query('SELECT * FROM people WHERE email_key = ?', [emailKey(email)]);
    return rows[0] ? toPerson(rows[0]) : undefined;
  }

  async listByRole(role: Role, borough?: string): Promise<Person[]> {
    const rows =
      borough === undefined
        ? await this.db.query('SELECT * FROM people WHERE role = ? ORDER BY name, aad_object_id', [role])
        : await this.db.query('SELECT * FROM people WHERE role = ? AND borough = ? ORDER BY name, aad_object_id', [
            role,
            borough,
          ]);
    return rows.map(toPerson);
  }

  async list(): Promise<Person[]> {
    return (await this.db.query('SELECT * FROM people ORDER BY name, aad_object_id')).map(toPerson);
  }

  async setTeamsId(aadObjectId: string, teamsId: string): Promise<boolean> {
    const changed = await this.db.run('UPDATE people SET teams_id = ?, updated_at = ? WHERE aad_object_id = ?', [
      teamsId,
      timeParam(this.clock()),
      aadObjectId,
    ]);
    return changed > 0;
  }

  async upsert(person: Person): Promise<void> {
    await this.db.transaction(async (tx) => {
      const now = timeParam(this.clock());
      const clash = await tx.query('SELECT aad_object_id FROM people WHERE email_key = ? AND aad_object_id <> ?', [
        emailKey(person.email),
        person.aadObjectId,
      ]);
      if (clash.length > 0)
        throw new InvalidInputError(
          `email ${person.email} already belongs to someone else (emails are Box logins and must be unique)`,
        );
      await tx.run(
        `INSERT INTO people (aad_object_id, teams_id, name, role, borough, email, email_key, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (aad_object_id) DO UPDATE SET teams_id = COALESCE(excluded.teams_id, people.teams_id), name = excluded.name,
           role = excluded.role, borough = excluded.borough, email = excluded.email, email_key = excluded.email_key, updated_at = excluded.updated_at`,
        [
          person.aadObjectId,
          person.teamsId ?? null,
          person.name,
          person.role,
          person.borough,
          person.email,
          emailKey(person.email),
          now,
        ],
      );
    });
  }

  async remove(aadObjectId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM people WHERE aad_object_id = ?', [aadObjectId])) > 0;
  }

  async confirmedAt(aadObjectId: string): Promise<Date | undefined> {
    const rows = await this.db.query('SELECT updated_at FROM people WHERE aad_object_id = ?', [aadObjectId]);
    return rows[0] ? readTime(rows[0].updated_at) : undefined;
  }
}
