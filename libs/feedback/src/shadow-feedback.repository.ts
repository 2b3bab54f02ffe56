import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ShadowFeedback } from './entities/shadow-feedback.entity';

/** Shadow hosts' feedback, read and written only here. */
@Injectable()
export class ShadowFeedbackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insert(
    manager: EntityManager,
    feedback: Pick<ShadowFeedback, 'linkId' | 'candidateId' | 'hostName' | 'createdById'>,
  ): Promise<ShadowFeedback> {
    return manager.getRepository(ShadowFeedback).save(feedback);
  }

  byId(id: string): Promise<ShadowFeedback | null> {
    return this.dataSource.getRepository(ShadowFeedback).findOneBy({ id });
  }

  ofLink(linkId: string): Promise<ShadowFeedback | null> {
    return this.dataSource.getRepository(ShadowFeedback).findOneBy({ linkId });
  }

  save(feedback: ShadowFeedback): Promise<ShadowFeedback> {
    return this.dataSource.getRepository(ShadowFeedback).save(feedback);
  }

  /** Every link's feedback for these candidates, answered or not, oldest first. */
  ofCandidates(candidateIds: string[]): Promise<ShadowFeedback[]> {
    return this.dataSource.getRepository(ShadowFeedback).find({
      where: { candidateId: In(candidateIds) },
      order: { createdAt: 'ASC' },
    });
  }
}
