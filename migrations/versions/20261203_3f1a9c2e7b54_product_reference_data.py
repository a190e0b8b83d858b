"""product reference data: synonyms in sv and en, and the thesaurus and municipalities as data

Revision ID: 3f1a9c2e7b54
Revises: 7e1a9c3d5b20
Create Date: 2026-12-03 18:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

from tarjotin.directory.reference import sync_reference_data


# revision identifiers, used by Alembic.
revision = '3f1a9c2e7b54'
down_revision = '7e1a9c3d5b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('taxonomy_term', schema=None) as batch_op:
        batch_op.add_column(sa.Column('synonyms_sv', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('synonyms_en', sa.JSON(), nullable=False, server_default='[]'))
    # Product data, not demo data: a county that starts from its own listings has the thesaurus
    # and the municipalities after `db upgrade`. A database where `seed demo` loaded the same
    # terms gets them matched on (taxonomy, code) and completed, never duplicated.
    sync_reference_data(op.get_bind())


def downgrade():
    # The rows stay: offerings and referrals may link to them by now, and the earlier revision
    # had the same tables.
    with op.batch_alter_table('taxonomy_term', schema=None) as batch_op:
        batch_op.drop_column('synonyms_en')
        batch_op.drop_column('synonyms_sv')
