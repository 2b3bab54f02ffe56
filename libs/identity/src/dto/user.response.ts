import type { User } from '../entities/user.entity';
import type { StaffRole } from '../principal';

export interface UserResponse {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
}

export function toUserResponse(user: User): UserResponse {
  const { id, email, name, role, disabledAt, createdAt } = user;
  return {
    id,
    email,
    name,
    role,
    disabled: disabledAt !== null,
    createdAt: createdAt.toISOString(),
  };
}
