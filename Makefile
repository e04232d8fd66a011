# odoo-dr: two commands on a fresh Debian/Ubuntu machine as root: `make demo` and `make test`.
SHELL := /bin/bash
MVN := ./mvnw -B -q

.PHONY: all deps build test unit-test demo demo-down clean

all: build

deps:
	scripts/install-deps

## build: the self-contained jar (target/odoo-dr.jar) used by bin/odoo-dr; no tests
build:
	$(MVN) -DskipTests package

## test: install what the tests need, build, run every test (unit and prod-lab end-to-end)
test: deps
	scripts/prodlab down --all
	$(MVN) verify

## unit-test: only the tests that need no lab (no root, no namespaces)
unit-test:
	$(MVN) -DskipLab=true verify

## demo: a prod lab and the flow against it; the lab is removed at the end unless KEEP=1
demo: deps build
	scripts/demo

## demo-down: remove a lab kept by `make demo KEEP=1`
demo-down:
	scripts/prodlab down --all

clean:
	$(MVN) clean
