import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { CreateUserDto } from './dto/create-user.dto';
import type { UpdateUserDto } from './dto/update-user.dto';
import { toUserResponse, type UserResponse } from './dto/user.response';
import { normalizeEmail } from './email';
import { Login } from './entities/login.entity';
import { User } from './entities/user.entity';
import { isUniqueViolation } from './identity.errors';
import { generatePassword, hashPassword } from './passwords';
import { Revocations } from './revocations';

export interface CreatedUser {
  user: UserResponse;
  /** Only when Hotseat chose the password: shown once, never stored in clear. */
  generatedPassword?: string;
}

/** Staff accounts. Callers are admins (checked by the controller's @Roles) or the CLI. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revocations: Revocations,
  ) {}

  async list(): Promise<UserResponse[]> {
    const users = await this.dataSource.getRepository(User).find({ order: { createdAt: 'ASC' } });
    return users.map(toUserResponse);
  }

  /** Staff names by id, for features that show who ran or rated something. */
  async names(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<Array<{ id: string; name: string }>>(
      `SELECT id, name FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Whether `id` is an enabled staff account (one that may be given work). */
  async isActive(id: string): Promise<boolean> {
    return this.dataSource.getRepository(User).existsBy({ id, disabledAt: IsNull() });
  }

  async create(
    input: CreateUserDto,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CreatedUser> {
    const generatedPassword = input.password ? undefined : generatePassword();
    const passwordHash = await hashPassword(input.password ?? generatedPassword!);
    const repository = manager.getRepository(User);
    try {
      const user = await repository.save(
        repository.create({
          email: normalizeEmail(input.email),
          name: input.name,
          role: input.role,
          passwordHash,
          disabledAt: null,
        }),
      );
      return { user: toUserResponse(user), generatedPassword };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException(
          `A staff account with the email ${normalizeEmail(input.email)} already exists.`,
        );
      }
      throw error;
    }
  }

  /**
   * Applies an admin's changes. Disabling, a new role or a new password take effect at once: the
   * person's sessions end (or, for a role, their live connections re-authenticate). The last active
   * admin can be neither disabled nor demoted, so someone can always manage accounts.
   */
  async update(id: string, changes: UpdateUserDto): Promise<UserResponse> {
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new BadRequestException('Send at least one of name, role, disabled or password.');
    }
    // Hashed before the transaction, which should not hold its locks for scrypt's 100 ms.
    const passwordHash =
      changes.password === undefined ? undefined : await hashPassword(changes.password);
    const updated = await this.dataSource.transaction(async (manager) => {
      // One admin change at a time: two admins disabling each other must not leave none (or deadlock).
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('hotseat:admins'))`);
      const users = manager.getRepository(User);
      const user = await users.findOneBy({ id });
      if (!user) throw new NotFoundException('There is no staff account with this id.');

      const activeAdmin = user.role === 'admin' && user.disabledAt === null;
      const losesAdmin =
        (changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true;
      if (
        activeAdmin &&
        losesAdmin &&
        (await users.countBy({ role: 'admin', disabledAt: IsNull() })) <= 1
      ) {
        throw new ConflictException(
          'This is the last active admin. Make someone else an admin first.',
        );
      }

      if (changes.name !== undefined) user.name = changes.name;
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.disabled !== undefined)
        user.disabledAt = changes.disabled ? (user.disabledAt ?? new Date()) : null;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      await users.save(user);
      if (changes.disabled === true || passwordHash !== undefined) {
        await manager.getRepository(Login).delete({ userId: user.id });
      }
      return user;
    });
    if (changes.disabled === true || changes.role !== undefined || passwordHash !== undefined) {
      this.revocations.publish({ kind: 'user', userId: id });
    }
    return toUserResponse(updated);
  }
}
