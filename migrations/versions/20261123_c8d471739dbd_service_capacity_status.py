"""service capacity status

Revision ID: c8d471739dbd
Revises: ca473869fc5e
Create Date: 2026-11-23 17:33:31.042102

"""
from alembic import op
import sqlalchemy as sa

import tarjotin.db


# revision identifiers, used by Alembic.
revision = 'c8d471739dbd'
down_revision = 'ca473869fc5e'
branch_labels = None
depends_on = None


STATUS = sa.Enum("accepting", "waiting_list", "not_now", name="capacity_status", native_enum=False)
service = sa.table("service", sa.column("id", sa.String), sa.column("is_accepting_new", sa.Boolean),
                   sa.column("capacity_status", sa.String))
change_set = sa.table("change_set", sa.column("id", sa.Integer), sa.column("target", sa.String),
                      sa.column("target_id", sa.String))
field_change = sa.table("field_change", sa.column("id", sa.Integer), sa.column("change_set_id", sa.Integer),
                        sa.column("field", sa.String), sa.column("new_value", sa.JSON))


def upgrade():
    # The server default fills existing rows; it goes once they hold what their flag and history say.
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("capacity_status", STATUS, nullable=False, server_default="accepting"))
    op.execute(service.update().where(service.c.is_accepting_new == sa.false()).values(capacity_status="not_now"))
    # Until now a waiting list was only recorded in the change history: the latest choice wins.
    latest = {}
    for target_id, value in op.get_bind().execute(
        sa.select(change_set.c.target_id, field_change.c.new_value)
        .join(change_set, change_set.c.id == field_change.c.change_set_id)
        .where(change_set.c.target == "service", field_change.c.field == "capacity_status")
        .order_by(field_change.c.id)
    ):
        latest[target_id] = value
    waiting = sorted(target_id for target_id, value in latest.items() if value == "waiting_list")
    if waiting:
        op.execute(service.update().where(service.c.id.in_(waiting), service.c.is_accepting_new == sa.false())
                   .values(capacity_status="waiting_list"))
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.alter_column("capacity_status", existing_type=STATUS, existing_nullable=False, server_default=None)


def downgrade():
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_column("capacity_status")
