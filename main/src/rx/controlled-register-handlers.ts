import { handler } from '../api/command-context.js';
import { controlledRegister, listControlledProducts } from './controlled-register.js';

export const controlledRegisterHandlers = {
  'rx.listControlledProducts': handler<'rx.listControlledProducts'>({ run: (ctx) => ({ products: listControlledProducts(ctx.db) }) }),
  'rx.controlledRegister': handler<'rx.controlledRegister'>({ run: (ctx, input) => controlledRegister(ctx, input) }),
};
