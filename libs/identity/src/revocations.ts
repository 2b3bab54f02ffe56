import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import type { LinkScope, Principal } from './principal';

/** Access that just ended. HTTP checks every request anyway; live sockets need to be told. */
export type Revocation =
  | { kind: 'login'; loginId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'link'; linkId: string }
  | { kind: 'link-subject'; scope: LinkScope; subjectId: string };

/** The Socket.IO rooms a connection joins, one per way its access can end. */
export function principalRooms(principal: Principal): string[] {
  return principal.kind === 'staff'
    ? [`login:${principal.loginId}`, `user:${principal.user.id}`]
    : [
        `link:${principal.link.id}`,
        `link-subject:${principal.link.scope}:${principal.link.subjectId}`,
      ];
}

export function revocationRoom(revocation: Revocation): string {
  switch (revocation.kind) {
    case 'login':
      return `login:${revocation.loginId}`;
    case 'user':
      return `user:${revocation.userId}`;
    case 'link':
      return `link:${revocation.linkId}`;
    case 'link-subject':
      return `link-subject:${revocation.scope}:${revocation.subjectId}`;
  }
}

/** Published after the change is committed: logout, disable, role or password change, link revoke. */
@Injectable()
export class Revocations {
  private readonly subject = new Subject<Revocation>();
  readonly revoked$: Observable<Revocation> = this.subject.asObservable();

  publish(revocation: Revocation): void {
    this.subject.next(revocation);
  }
}
