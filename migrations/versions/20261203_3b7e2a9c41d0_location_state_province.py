"""location state_province: keep what an HSDS import gives

Revision ID: 3b7e2a9c41d0
Revises: c8d471739dbd
Create Date: 2026-12-03 18:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b7e2a9c41d0'
down_revision = 'c8d471739dbd'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state_province", sa.String(length=100), nullable=True))


def downgrade():
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.drop_column("state_province")
