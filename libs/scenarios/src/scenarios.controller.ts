import { Controller, Get, Param } from '@nestjs/common';
import { ScenariosService } from './scenarios.service';

@Controller('api/scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  /** `[{ id, title, product, difficulty, version, valid: true }]`, then `{ file, valid: false, errors }`. */
  @Get()
  list() {
    return this.scenarios.list();
  }

  /** The whole scenario: persona, beats, solution with checkpoint ids, rubric. */
  @Get(':id')
  get(@Param('id') id: string) {
    const { definition, hash } = this.scenarios.get(id);
    const { firstLine, ...rest } = definition;
    // The file's word for the first line is the API's too.
    return { ...rest, opening: firstLine, version: hash.slice(0, 12) };
  }
}
