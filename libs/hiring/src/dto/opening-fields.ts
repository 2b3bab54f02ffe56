import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsString,
  Length,
} from 'class-validator';
import { NestedField, Trim } from '@hotseat/validation';
import { OpeningWeightsDto } from './opening-weights.dto';

/** The field rules of an opening, shared by create and update. */

export const OpeningTitleField = () =>
  applyDecorators(
    Trim(),
    IsString({ message: 'title must be text' }),
    Length(1, 200, { message: 'title must be 1 to 200 characters long' }),
  );

export const ScenarioIdsField = () =>
  applyDecorators(
    IsArray({
      message: 'scenarioIds must be a list of scenario ids, as GET /api/scenarios lists them',
    }),
    ArrayMinSize(1, { message: 'scenarioIds must name at least one scenario' }),
    ArrayMaxSize(50, { message: 'scenarioIds may name at most 50 scenarios' }),
    ArrayUnique({ message: 'scenarioIds must not name a scenario twice' }),
    IsString({ each: true, message: 'scenarioIds must be a list of scenario ids' }),
  );

export const WeightsField = () =>
  applyDecorators(
    NestedField(
      () => OpeningWeightsDto,
      'weights must be { rubric, csat, productTeam, shadowing, roleplay }',
    ),
  );
